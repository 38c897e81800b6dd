import { adoptionTests } from './support/appTests';

adoptionTests('bumped');
