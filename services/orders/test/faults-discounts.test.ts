// Kills the real discounts process in the middle of a stream of orders and brings it back.
// Meant for PostgreSQL; on PGlite it runs too, but every database call is serialised there, so it proves less.
import { describeFault } from './fault-load.ts';

describeFault('discounts');
