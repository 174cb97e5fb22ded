import type { FastifyReply } from 'fastify';
import type { Config } from '../config/config.js';

export const epcisVersion = '2.0.0';
export const cbvVersion = '2.0.0';

/** The version headers every EPCIS response carries (EPCIS 2.0 REST bindings, section 12.4). */
export function versionHeaders(reply: FastifyReply, config: Config): void {
  void reply.headers({
    'GS1-EPCIS-Version': epcisVersion,
    'GS1-CBV-Version': cbvVersion,
    'GS1-EPCIS-Min': epcisVersion,
    'GS1-EPCIS-Max': epcisVersion,
    'GS1-CBV-Min': cbvVersion,
    'GS1-CBV-Max': cbvVersion,
    'GS1-Extensions': '',
    'GS1-Vendor-Version': 'suyuan/0.1.0',
    'GS1-EPCIS-Capture-Limit': String(config.SUYUAN_CAPTURE_LIMIT),
    'GS1-EPCIS-Capture-File-Size-Limit': String(config.SUYUAN_CAPTURE_FILE_SIZE_LIMIT),
  });
}
