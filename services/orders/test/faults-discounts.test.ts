// Kills the real discounts process in the middle of a stream of orders and brings it back.
import { describeFault } from './fault-load.ts';

describeFault('discounts');
