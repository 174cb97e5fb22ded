import { reportStartupError, serve } from './serve.js';

serve().catch(reportStartupError);
