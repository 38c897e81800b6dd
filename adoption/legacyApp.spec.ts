import { adoptionTests } from './support/appTests';

adoptionTests('legacy');
