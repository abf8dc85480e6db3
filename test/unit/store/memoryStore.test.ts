import { createMemoryStore } from '../../../src/store/memoryStore';
import { runStoreContract } from './storeContract';

runStoreContract('memoryStore', (clock) => createMemoryStore({ clock }));
