import { adoptionTests } from './support/appTests';

adoptionTests('new');
