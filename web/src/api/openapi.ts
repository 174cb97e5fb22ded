// Generated from the OpenAPI document (GET /openapi.json) by `npm run web:api`. Do not edit:
// test/web/api-types.test.ts fails when this file no longer matches the server.
/* eslint-disable */

export interface paths {
  '/00/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 00 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/01/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 01 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/253/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 253 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/255/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 255 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/401/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 401 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/402/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 402 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/414/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 414 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/415/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 415 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/417/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 417 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/8003/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 8003 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/8004/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 8004 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/8006/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 8006 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/8010/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 8010 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/8013/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 8013 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/8017/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 8017 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/8018/{*}': {
    /** Resolve a GS1 Digital Link with primary key AI 8018 */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
  '/api/alerts': {
    /** Consumer alerts (消费提示) published by regulators */
    get: {
      parameters: {
        query?: {
          q?: string;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Publish a consumer alert (regulators) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            title: string;
            body: string;
            category?: string;
            /** Where it applies (default: your region) */
            region?: string;
            products?: string[];
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/alerts/{id}': {
    /** Withdraw one of the alerts */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/apikeys': {
    /** Your enterprise’s API keys and devices (never the secrets), with device online status */
    get: {
      parameters: {
        query?: {
          kind?: 'client' | 'device';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Create an API key (the key is in this response only) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** what the key is for: a system, a trace scale, a scanner */
            name: string;
            scopes: ('capture' | 'query')[];
            /** administrators only */
            enterprise?: string;
            /** present for a device key (trace scale, scanner, sensor gateway, POS) */
            device?: {
              type: 'trace-scale' | 'scanner' | 'sensor-gateway' | 'pos' | 'other';
              serial: string;
              model?: string;
              location?: string;
            };
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/apikeys/{id}': {
    /** Revoke an API key */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/audit': {
    /** Query the audit log */
    get: {
      parameters: {
        query?: {
          principal?: string;
          action?: string;
          outcome?: string;
          since?: string;
          /** id to page below */
          before?: number;
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/blacklist': {
    /** The quality-dishonesty blacklist (质量失信黑名单) in force: enterprise, credit code, reason, period */
    get: {
      parameters: {
        query?: {
          q?: string;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Put an enterprise on the blacklist for a period (its regulators) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** 统一社会信用代码 */
            enterprise: string;
            /** Required when the enterprise is not filed here */
            name?: string;
            reason: string;
            /** A calendar day, 2026-05-01 */
            from: string;
            /** A calendar day, 2026-05-01 */
            to?: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/blacklist/{id}/removal': {
    /** Take an entry off the blacklist, with the reason */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/catalog': {
    /** The product catalog: industry → category → variety */
    get: {
      parameters: {
        query?: {
          industry?: 'edible-farm' | 'food' | 'drug' | 'farm-input' | 'special-equipment' | 'hazardous' | 'rare-earth' | 'import' | 'herb';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Add a category or variety to the catalog */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** an industry or a category key */
            parent: string;
            /** the new last part of the key */
            key: string;
            nameZh: string;
            nameEn: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/catalog/lists': {
    /** Per-region key (重点) and encouraged (鼓励) traced-product lists: in effect, or every version */
    get: {
      parameters: {
        query?: {
          region?: string;
          /** key (重点) or encouraged (鼓励) */
          kind?: 'key' | 'encouraged';
          /** lists in effect on this day (default today) */
          at?: string;
          /** every version, superseded ones too */
          history?: boolean;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Publish a new version of a region list */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** GB/T 2260 code of the publishing region */
            region: string;
            /** key (重点) or encouraged (鼓励) */
            kind: 'key' | 'encouraged';
            /** A calendar day, 2026-05-01 */
            effectiveFrom: string;
            items: string[];
            note?: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/catalog/lists/{id}': {
    /** One list version */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/catalog/vocabularies': {
    /** Industries, node types, licence types … with labels */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/catalog/{key}': {
    /** One category and its children */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          key: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/codes': {
    /** Issue 1 to 100,000 trace codes for a product and lot */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            scheme: 'suyuan' | 'gs1';
            kind: 'lot' | 'item' | 'logisticUnit' | 'asset';
            count: number;
            /** GTIN (required for gs1) or product code */
            product?: string;
            productName?: string;
            lot?: string;
            productionDate?: string;
            expiryDate?: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/codes/{code}': {
    /** State of one of your codes and what it identifies */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          code: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/codes/{code}/label.png': {
    /** The label of one of your codes as PNG: QR (resolver URL or Digital Link) or GS1 DataMatrix */
    get: {
      parameters: {
        query?: {
          symbol?: 'qr' | 'datamatrix';
        };
        header?: never;
        path: {
          code: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/codes/{code}/label.svg': {
    /** The label of one of your codes as SVG: QR (resolver URL or Digital Link) or GS1 DataMatrix */
    get: {
      parameters: {
        query?: {
          symbol?: 'qr' | 'datamatrix';
        };
        header?: never;
        path: {
          code: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/codes/{code}/void': {
    /** Void one of your codes (misprinted or lost label): it resolves as void from the next scan */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          code: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** 作废原因 */
            reason: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/complaints': {
    /** Complaints routed to your enterprise, or in your region (regulators), filtered and paged */
    get: {
      parameters: {
        query?: {
          status?: 'received' | 'acknowledged' | 'answered' | 'closed';
          /** Only complaints past a deadline */
          overdue?: boolean;
          enterprise?: string;
          source?: 'public' | 'api' | 'hotline';
          q?: string;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Submit a complaint (投诉举报): JSON, or multipart/form-data with up to 3 photos (≤ 5 MB, JPEG/PNG/WebP) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** The trace code the complaint is about */
            code?: string;
            /** Phone or e-mail; never shown publicly */
            contact: string;
            description: string;
            /** quality 质量, safety 安全, counterfeit 假冒, label 标签, expired 过期, price 价格, service 服务, other 其他 */
            category?: 'quality' | 'safety' | 'counterfeit' | 'label' | 'expired' | 'price' | 'service' | 'other';
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/complaints/deadlines': {
    /** Handling deadlines by region */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Set the deadlines of a region (regulators of it) */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** GB/T 2260 prefix; empty = everywhere (administrators) */
            region: string;
            acknowledgeHours: number;
            answerDays: number;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/complaints/imports': {
    /** Import 12345 hotline work orders (CSV as text/csv, or Excel .xlsx) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/complaints/stats': {
    /** Complaint statistics within your scope */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/complaints/{ticket}': {
    /** Follow a complaint: status and public replies (the reporter adds its contact, in the x-complaint-contact header or ?contact=, for more) */
    get: {
      parameters: {
        query?: {
          /** The contact given: proves the ticket is yours */
          contact?: string;
        };
        header?: never;
        path: {
          ticket: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/complaints/{ticket}/acknowledge': {
    /** Acknowledge (受理) a complaint */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          ticket: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            message?: string;
            /** Show the message on the public ticket page (default true for answers) */
            public?: boolean;
            /** Close only, regulators only: the complaint is unfounded (查无实据); it does not count against the enterprise’s credit */
            unfounded?: boolean;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/complaints/{ticket}/answer': {
    /** Answer (答复) a complaint; the message shows on the ticket page unless public is false */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          ticket: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            message?: string;
            /** Show the message on the public ticket page (default true for answers) */
            public?: boolean;
            /** Close only, regulators only: the complaint is unfounded (查无实据); it does not count against the enterprise’s credit */
            unfounded?: boolean;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/complaints/{ticket}/close': {
    /** Close (办结) a complaint */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          ticket: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            message?: string;
            /** Show the message on the public ticket page (default true for answers) */
            public?: boolean;
            /** Close only, regulators only: the complaint is unfounded (查无实据); it does not count against the enterprise’s credit */
            unfounded?: boolean;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/complaints/{ticket}/photos/{n}': {
    /** A photo of a complaint */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          ticket: string;
          n: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/enterprises': {
    /** Enterprises you may see (all for admins), filtered and paged */
    get: {
      parameters: {
        query?: {
          /** name or credit code */
          q?: string;
          /** region code or prefix */
          region?: string;
          /** one of the nine categories */
          industry?: 'edible-farm' | 'food' | 'drug' | 'farm-input' | 'special-equipment' | 'hazardous' | 'rare-earth' | 'import' | 'herb';
          nodeType?: 'farm' | 'slaughterhouse' | 'processor' | 'wholesale-market' | 'market-merchant' | 'supermarket' | 'farmers-market' | 'group-consumer' | 'pharmacy' | 'hospital' | 'logistics' | 'importer' | 'filling-station' | 'elevator-installer' | 'elevator-maintainer' | 'elevator-user' | 'chemical-dealer' | 'explosives-dealer' | 'rare-earth-miner' | 'rare-earth-smelter' | 'other';
          status?: 'applied' | 'filed' | 'suspended' | 'cancelled';
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Apply for filing (备案): the enterprise starts applied */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** 统一社会信用代码 (GB 32100) */
            creditCode: string;
            /** registered name */
            name: string;
            /** 法定代表人 */
            legalRepresentative: string;
            contact: {
              name: string;
              /** mobile or landline */
              phone: string;
              email?: string | null;
            };
            /** GB/T 2260 county-level code */
            region: string;
            address: string;
            coordinates?: {
              /** latitude, degrees (WGS-84) */
              lat: number;
              /** longitude, degrees (WGS-84) */
              lng: number;
            } | null;
            industries: ('edible-farm' | 'food' | 'drug' | 'farm-input' | 'special-equipment' | 'hazardous' | 'rare-earth' | 'import' | 'herb')[];
            nodeTypes: ('farm' | 'slaughterhouse' | 'processor' | 'wholesale-market' | 'market-merchant' | 'supermarket' | 'farmers-market' | 'group-consumer' | 'pharmacy' | 'hospital' | 'logistics' | 'importer' | 'filling-station' | 'elevator-installer' | 'elevator-maintainer' | 'elevator-user' | 'chemical-dealer' | 'explosives-dealer' | 'rare-earth-miner' | 'rare-earth-smelter' | 'other')[];
            gln?: string | null;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/enterprises/{creditCode}': {
    /** One enterprise */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Change master data (the credit code never changes) */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** registered name */
            name?: string;
            /** 法定代表人 */
            legalRepresentative?: string;
            contact?: {
              name: string;
              /** mobile or landline */
              phone: string;
              email?: string | null;
            };
            /** GB/T 2260 county-level code */
            region?: string;
            address?: string;
            coordinates?: {
              /** latitude, degrees (WGS-84) */
              lat: number;
              /** longitude, degrees (WGS-84) */
              lng: number;
            } | null;
            industries?: ('edible-farm' | 'food' | 'drug' | 'farm-input' | 'special-equipment' | 'hazardous' | 'rare-earth' | 'import' | 'herb')[];
            nodeTypes?: ('farm' | 'slaughterhouse' | 'processor' | 'wholesale-market' | 'market-merchant' | 'supermarket' | 'farmers-market' | 'group-consumer' | 'pharmacy' | 'hospital' | 'logistics' | 'importer' | 'filling-station' | 'elevator-installer' | 'elevator-maintainer' | 'elevator-user' | 'chemical-dealer' | 'explosives-dealer' | 'rare-earth-miner' | 'rare-earth-smelter' | 'other')[];
            gln?: string | null;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/enterprises/{creditCode}/certifications': {
    /** Certifications of an enterprise with their status (valid, expiring within 30 days, expired) */
    get: {
      parameters: {
        query?: {
          type?: 'haccp' | 'gap' | 'gmp' | 'gsp' | 'organic' | 'green-food' | 'geographical-indication' | 'iso-9001' | 'iso-22000' | 'other';
          status?: 'valid' | 'expiring' | 'expired';
          /** number or issuer */
          q?: string;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path: {
          creditCode: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Record a certification */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            type: 'haccp' | 'gap' | 'gmp' | 'gsp' | 'organic' | 'green-food' | 'geographical-indication' | 'iso-9001' | 'iso-22000' | 'other';
            /** licence or certificate number */
            number: string;
            /** issuing authority or body */
            issuer: string;
            /** A calendar day, 2026-05-01 */
            validFrom: string;
            /** last valid day; null: no end */
            validTo?: string | null;
            scope?: string | null;
            fileRef?: string | null;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/enterprises/{creditCode}/certifications/{id}': {
    /** One certification */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Change a certification */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            type?: 'haccp' | 'gap' | 'gmp' | 'gsp' | 'organic' | 'green-food' | 'geographical-indication' | 'iso-9001' | 'iso-22000' | 'other';
            /** licence or certificate number */
            number?: string;
            /** issuing authority or body */
            issuer?: string;
            /** A calendar day, 2026-05-01 */
            validFrom?: string;
            /** last valid day; null: no end */
            validTo?: string | null;
            scope?: string | null;
            fileRef?: string | null;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/enterprises/{creditCode}/credit': {
    /** The credit score of an enterprise with its terms and indicators (formula: src/credit/README.md) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/enterprises/{creditCode}/filing': {
    /** Filing status and its history */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Change the filing status (approve, suspend, reinstate, cancel), with the reason */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            to: 'filed' | 'suspended' | 'cancelled';
            /** why; kept in the history */
            reason: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/enterprises/{creditCode}/licences': {
    /** Licences of an enterprise with their status (valid, expiring within 30 days, expired) */
    get: {
      parameters: {
        query?: {
          type?: 'business' | 'food-production' | 'food-business' | 'drug-production' | 'drug-distribution' | 'pesticide-production' | 'pesticide-dealer' | 'veterinary-drug-production' | 'veterinary-drug-dealer' | 'feed-production' | 'seed-production-dealer' | 'animal-epidemic-prevention' | 'designated-slaughter' | 'hazardous-chemicals-dealer' | 'hazardous-chemicals-safety' | 'explosives-production' | 'explosives-sale' | 'fireworks-wholesale' | 'gas-filling' | 'special-equipment-installation' | 'rare-earth-mining' | 'import-export' | 'other';
          status?: 'valid' | 'expiring' | 'expired';
          /** number or issuer */
          q?: string;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path: {
          creditCode: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Record a licence */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            type: 'business' | 'food-production' | 'food-business' | 'drug-production' | 'drug-distribution' | 'pesticide-production' | 'pesticide-dealer' | 'veterinary-drug-production' | 'veterinary-drug-dealer' | 'feed-production' | 'seed-production-dealer' | 'animal-epidemic-prevention' | 'designated-slaughter' | 'hazardous-chemicals-dealer' | 'hazardous-chemicals-safety' | 'explosives-production' | 'explosives-sale' | 'fireworks-wholesale' | 'gas-filling' | 'special-equipment-installation' | 'rare-earth-mining' | 'import-export' | 'other';
            /** licence or certificate number */
            number: string;
            /** issuing authority or body */
            issuer: string;
            /** A calendar day, 2026-05-01 */
            validFrom: string;
            /** last valid day; null: no end */
            validTo?: string | null;
            scope?: string | null;
            fileRef?: string | null;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/enterprises/{creditCode}/licences/{id}': {
    /** One licence */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Change a licence */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            type?: 'business' | 'food-production' | 'food-business' | 'drug-production' | 'drug-distribution' | 'pesticide-production' | 'pesticide-dealer' | 'veterinary-drug-production' | 'veterinary-drug-dealer' | 'feed-production' | 'seed-production-dealer' | 'animal-epidemic-prevention' | 'designated-slaughter' | 'hazardous-chemicals-dealer' | 'hazardous-chemicals-safety' | 'explosives-production' | 'explosives-sale' | 'fireworks-wholesale' | 'gas-filling' | 'special-equipment-installation' | 'rare-earth-mining' | 'import-export' | 'other';
            /** licence or certificate number */
            number?: string;
            /** issuing authority or body */
            issuer?: string;
            /** A calendar day, 2026-05-01 */
            validFrom?: string;
            /** last valid day; null: no end */
            validTo?: string | null;
            scope?: string | null;
            fileRef?: string | null;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/enterprises/{creditCode}/merchants': {
    /** Merchants of a market; ID numbers masked, found by exact number */
    get: {
      parameters: {
        query?: {
          /** part of the name */
          q?: string;
          stall?: string;
          /** exact ID number */
          idNumber?: string;
          active?: boolean;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path: {
          creditCode: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Register a stall holder (实名登记) under a market operator */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** real name (实名) */
            name: string;
            /** 居民身份证号; stored encrypted */
            idNumber: string;
            /** stall number (摊位号) */
            stall?: string;
            phone?: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/enterprises/{creditCode}/merchants/{id}': {
    /** One merchant */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Change a merchant (or deactivate it: merchants are never deleted) */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          creditCode: string;
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** real name (实名) */
            name?: string;
            /** 居民身份证号; stored encrypted */
            idNumber?: string;
            stall?: string | null;
            phone?: string | null;
            active?: boolean;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/identifiers/check': {
    /** Detect and check any identifier: GS1 keys, Digital Link, EPC URN, element string, credit code, region, drug code, trace code */
    get: {
      parameters: {
        query: {
          value: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/impact': {
    /** Impact of problem lots: downstream codes, parties with quantities, public scans */
    get: {
      parameters: {
        query: {
          /** problem lots or codes (repeat the parameter for several) */
          lot: string[];
          /** first hops from this instant */
          from?: string;
          /** first hops until this instant */
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/impact.xlsx': {
    /** The impact assessment as an Excel workbook (Chinese headers) */
    get: {
      parameters: {
        query: {
          /** problem lots or codes (repeat the parameter for several) */
          lot: string[];
          /** first hops from this instant */
          from?: string;
          /** first hops until this instant */
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/imports': {
    /** Your recent imports (your enterprise’s), without their lists of errors and rows */
    get: {
      parameters: {
        query?: {
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              id: string;
              status: 'queued' | 'running' | 'succeeded' | 'failed';
              template: string | null;
              templateVersion: number | null;
              cte: string | null;
              format: string;
              fileName: string | null;
              fileSize: number;
              mode: string;
              /** Rows equal to ones imported before were stored as new events (the upload’s repeat option) */
              repeat: boolean;
              enterprise: string | null;
              createdAt: string;
              startedAt: string | null;
              finishedAt: string | null;
              rows: {
                total: number | null;
                checked: number;
                stored: number;
                /** Empty rows and the example row */
                skipped: number;
                invalid: number;
                /** Rows the enterprise had imported before (the same values of the same template and CTE): not stored again */
                alreadyImported: number;
              };
              /** A problem with the whole file */
              problem: string | null;
              errorCount: number;
              /** The first 1000 errors, by sheet, row and column */
              errors: {
                sheet: string;
                /** Spreadsheet row (1 = header) */
                row: number;
                /** Column letter */
                column?: string;
                header?: string;
                /** Template field name */
                field?: string;
                message: string;
              }[];
              /** The first 1000 rows taken as already imported (not stored again), by sheet and row; rows.alreadyImported counts them all, errors.xlsx marks them all */
              alreadyImportedRows: {
                sheet: string;
                /** Spreadsheet row (1 = header) */
                row: number;
              }[];
              links: {
                self: string;
                errorsWorkbook: string;
              };
            }[];
          };
        };
      };
    };
    /** Import an Excel workbook or a CSV file (the raw file as the body); 202 with the import */
    post: {
      parameters: {
        query?: {
          /** Template id (or id@version); required for CSV */
          template?: string;
          /** CTE id, or all; required for CSV, optional for a suyuan workbook */
          cte?: string;
          /** rollback: store nothing if any row is bad; proceed: store the good rows */
          mode?: 'rollback' | 'proceed';
          /** true: store rows equal to ones imported before as new events (a new delivery identical to an earlier one); their eventIDs are keyed on this upload, so a retried job still stores each row once */
          repeat?: boolean;
          /** Administrators: the enterprise the events belong to */
          enterprise?: string;
          fileName?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        202: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              id: string;
              status: 'queued' | 'running' | 'succeeded' | 'failed';
              template: string | null;
              templateVersion: number | null;
              cte: string | null;
              format: string;
              fileName: string | null;
              fileSize: number;
              mode: string;
              /** Rows equal to ones imported before were stored as new events (the upload’s repeat option) */
              repeat: boolean;
              enterprise: string | null;
              createdAt: string;
              startedAt: string | null;
              finishedAt: string | null;
              rows: {
                total: number | null;
                checked: number;
                stored: number;
                /** Empty rows and the example row */
                skipped: number;
                invalid: number;
                /** Rows the enterprise had imported before (the same values of the same template and CTE): not stored again */
                alreadyImported: number;
              };
              /** A problem with the whole file */
              problem: string | null;
              errorCount: number;
              /** The first 1000 errors, by sheet, row and column */
              errors: {
                sheet: string;
                /** Spreadsheet row (1 = header) */
                row: number;
                /** Column letter */
                column?: string;
                header?: string;
                /** Template field name */
                field?: string;
                message: string;
              }[];
              /** The first 1000 rows taken as already imported (not stored again), by sheet and row; rows.alreadyImported counts them all, errors.xlsx marks them all */
              alreadyImportedRows: {
                sheet: string;
                /** Spreadsheet row (1 = header) */
                row: number;
              }[];
              links: {
                self: string;
                errorsWorkbook: string;
              };
            };
          };
        };
      };
    };
  };
  '/api/imports/{id}': {
    /** An import: status, rows checked and stored, and the report of bad rows */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              id: string;
              status: 'queued' | 'running' | 'succeeded' | 'failed';
              template: string | null;
              templateVersion: number | null;
              cte: string | null;
              format: string;
              fileName: string | null;
              fileSize: number;
              mode: string;
              /** Rows equal to ones imported before were stored as new events (the upload’s repeat option) */
              repeat: boolean;
              enterprise: string | null;
              createdAt: string;
              startedAt: string | null;
              finishedAt: string | null;
              rows: {
                total: number | null;
                checked: number;
                stored: number;
                /** Empty rows and the example row */
                skipped: number;
                invalid: number;
                /** Rows the enterprise had imported before (the same values of the same template and CTE): not stored again */
                alreadyImported: number;
              };
              /** A problem with the whole file */
              problem: string | null;
              errorCount: number;
              /** The first 1000 errors, by sheet, row and column */
              errors: {
                sheet: string;
                /** Spreadsheet row (1 = header) */
                row: number;
                /** Column letter */
                column?: string;
                header?: string;
                /** Template field name */
                field?: string;
                message: string;
              }[];
              /** The first 1000 rows taken as already imported (not stored again), by sheet and row; rows.alreadyImported counts them all, errors.xlsx marks them all */
              alreadyImportedRows: {
                sheet: string;
                /** Spreadsheet row (1 = header) */
                row: number;
              }[];
              links: {
                self: string;
                errorsWorkbook: string;
              };
            };
          };
        };
      };
    };
  };
  '/api/imports/{id}/errors.xlsx': {
    /** A copy of the uploaded file with an error column naming each bad cell and its problem, and a status column marking the rows already imported (已导入过，未重复保存) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/labels': {
    /** A PDF sheet of labels for your codes (a batch, or a list of up to 10,000) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            codes?: string[];
            batchId?: string;
            symbol: 'qr' | 'datamatrix';
            layout: {
              page: 'A4' | '50x30' | '60x40' | '40x30';
              columns?: number;
              rows?: number;
            };
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/locations': {
    /** Locations you may see, filtered and paged */
    get: {
      parameters: {
        query?: {
          enterprise?: string;
          kind?: 'site' | 'field' | 'warehouse' | 'stall' | 'read-point' | 'other';
          parent?: string;
          identifier?: string;
          /** part of the name */
          q?: string;
          active?: boolean;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Add a site, warehouse, stall or read point; its identifier is what EPCIS events name */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** credit code; defaults to the key's enterprise */
            enterprise?: string;
            kind: 'site' | 'field' | 'warehouse' | 'stall' | 'read-point' | 'other';
            name: string;
            parent?: string;
            /** the location's own GLN */
            gln?: string;
            /** GLN extension (AI 254); default: a number */
            extension?: string;
            address?: string;
            coordinates?: {
              /** latitude, degrees (WGS-84) */
              lat: number;
              /** longitude, degrees (WGS-84) */
              lng: number;
            };
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/locations/{id}': {
    /** One location */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Change a location (its identifier never changes) */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            kind?: 'site' | 'field' | 'warehouse' | 'stall' | 'read-point' | 'other';
            name?: string;
            parent?: string | null;
            address?: string | null;
            coordinates?: {
              /** latitude, degrees (WGS-84) */
              lat: number;
              /** longitude, degrees (WGS-84) */
              lng: number;
            } | null;
            active?: boolean;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/notices': {
    /** Policy notices (政策公告) published by regulators */
    get: {
      parameters: {
        query?: {
          q?: string;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Publish a policy notice (regulators) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            title: string;
            body: string;
            kind?: 'policy' | 'notice' | 'regulation';
            region?: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/notices/{id}': {
    /** Withdraw one of the notices */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/portal/producers/{creditCode}': {
    /** The public facts of a product producer: licences and certifications with validity */
    get: {
      parameters: {
        query?: {
          /** GTIN or product code of the scanned code */
          product?: string;
        };
        header?: never;
        path: {
          creditCode: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              creditCode: string;
              name: string;
              /** GB/T 2260 region code */
              region: string;
              regionName: string | null;
              status: 'applied' | 'filed' | 'suspended';
              credentials: {
                kind: 'licence' | 'certification';
                type: string;
                typeName: string | null;
                number: string;
                issuer: string;
                /** YYYY-MM-DD */
                validFrom: string;
                validTo: string | null;
                scope: string | null;
                /** in force today (China time) */
                valid: boolean;
              }[];
              product: {
                name: string;
                specification: string | null;
                unit: string | null;
                image: string | null;
                approvals: {
                  type: string;
                  typeName: string | null;
                  number: string;
                }[];
              } | null;
            };
          };
        };
      };
    };
  };
  '/api/products': {
    /** Products you may see, filtered and paged */
    get: {
      parameters: {
        query?: {
          enterprise?: string;
          /** a catalog key and below */
          category?: string;
          gtin?: string;
          code?: string;
          /** an approval number */
          approval?: string;
          /** part of the name */
          q?: string;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Add a product (GTIN or own code) in a catalog category */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** credit code; defaults to the key's enterprise */
            enterprise?: string;
            gtin?: string;
            /** own product code, when there is no GTIN */
            code?: string;
            name: string;
            /** catalog key, e.g. edible-farm.crops.tea */
            category: string;
            /** 规格, e.g. 500g/袋 */
            specification?: string;
            /** unit of trade, e.g. 袋, kg */
            unit?: string;
            shelfLifeDays?: number;
            approvals?: {
              type: 'drug-approval' | 'pesticide-registration' | 'veterinary-drug-approval' | 'feed-registration' | 'fertilizer-registration' | 'seed-variety-registration' | 'food-registration' | 'import-registration' | 'other';
              /** 批准文号, 农药登记证号 … */
              number: string;
            }[];
            /** URL or file id */
            imageRef?: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/products/{id}': {
    /** One product */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Change a product (GTIN and code never change) */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            /** catalog key, e.g. edible-farm.crops.tea */
            category?: string;
            specification?: string | null;
            unit?: string | null;
            shelfLifeDays?: number | null;
            approvals?: {
              type: 'drug-approval' | 'pesticide-registration' | 'veterinary-drug-approval' | 'feed-registration' | 'fertilizer-registration' | 'seed-variety-registration' | 'food-registration' | 'import-registration' | 'other';
              /** 批准文号, 农药登记证号 … */
              number: string;
            }[];
            imageRef?: string | null;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/recalls': {
    /** Recalls you may see */
    get: {
      parameters: {
        query?: {
          status?: 'open' | 'closed';
          q?: string;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Open a recall: voluntary (an enterprise, its own products) or ordered (a regulator) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Responsible enterprise (统一社会信用代码); an enterprise key recalls for itself */
            enterprise?: string;
            title: string;
            /** e.g. 农药残留超标 (failed residue test) */
            reason: string;
            /** 1 = 一级 (most serious), 2 = 二级, 3 = 三级 */
            severity: 1 | 2 | 3;
            /** GTINs or product codes: every lot and item of them */
            products?: string[];
            /** Lots (GS1 Digital Link with AI 10, suyuan lot codes …) */
            lots?: string[];
            /** Single codes */
            codes?: string[];
            /** Holders answer within (default 1/2/3 days by severity) */
            respondDays?: number;
            /** Recall completed within (default 10/20/30 days) */
            completeDays?: number;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/recalls/notices': {
    /** Recall notices addressed to your enterprise (召回通知) */
    get: {
      parameters: {
        query?: {
          status?: 'notified' | 'acknowledged' | 'reported' | 'completed';
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/recalls/{id}': {
    /** A recall: impact, holders with status, progress, timeline, affected regions */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/recalls/{id}/acknowledge': {
    /** A holder acknowledges its notice */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/recalls/{id}/close': {
    /** Close a recall with its summary */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Closure report text */
            summary: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/recalls/{id}/report.pdf': {
    /** The closure (or progress) report as PDF */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/recalls/{id}/report.xlsx': {
    /** The closure (or progress) report as Excel */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/recalls/{id}/reports': {
    /** The holders' reports, newest first (a holder sees its own) */
    get: {
      parameters: {
        query?: {
          /** One holder row only */
          holder?: string;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** A holder reports quantities found, returned and destroyed (totals to date) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Holder row, when the caller holds in several units or reports for another */
            holder?: string;
            /** Found so far (totals to date, not increments) */
            found: number;
            returned: number;
            destroyed: number;
            note?: string;
            /** Nothing more to report: the holder is done */
            final?: boolean;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/records': {
    /** Record one CTE ({template, cte, fields}) or a batch ({records: [...]}) against an industry template */
    post: {
      parameters: {
        query?: {
          mode?: 'rollback' | 'proceed';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            [key: string]: unknown;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/rules': {
    /** Warning rules with their parameters and settings */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/rules/{id}': {
    /** One rule, its settings, and what applies in a region and industry */
    get: {
      parameters: {
        query?: {
          /** GB/T 2260 prefix; '' everywhere */
          region?: string;
          /** industry key; '' all */
          industry?: '' | 'edible-farm' | 'food' | 'drug' | 'farm-input' | 'special-equipment' | 'hazardous' | 'rare-earth' | 'import' | 'herb';
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/rules/{id}/settings': {
    /** Set a rule for a region and industry (regulators within their scope, administrators anywhere) */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** GB/T 2260 prefix; '' everywhere */
            region?: string;
            /** industry key; '' all */
            industry?: '' | 'edible-farm' | 'food' | 'drug' | 'farm-input' | 'special-equipment' | 'hazardous' | 'rare-earth' | 'import' | 'herb';
            enabled?: boolean;
            /** 高 / 中 / 低 */
            severity?: 'high' | 'medium' | 'low';
            parameters?: {
              [key: string]: unknown;
            };
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Remove the setting of a rule for a region and industry (back to the wider one) */
    delete: {
      parameters: {
        query?: {
          /** GB/T 2260 prefix; '' everywhere */
          region?: string;
          /** industry key; '' all */
          industry?: '' | 'edible-farm' | 'food' | 'drug' | 'farm-input' | 'special-equipment' | 'hazardous' | 'rare-earth' | 'import' | 'herb';
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/session': {
    /** Who is logged in */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Log in: sets an HTTP-only session cookie */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            username: string;
            password: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Log out */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/spotchecks': {
    /** Spot checks you may see */
    get: {
      parameters: {
        query?: {
          /** 统一社会信用代码 */
          enterprise?: string;
          result?: 'pass' | 'fail';
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Record a spot check (随机抽查) and its result (regulators) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** 统一社会信用代码 */
            enterprise: string;
            /** A calendar day, 2026-05-01 */
            checkedOn: string;
            /** What was checked (product, lot, ledger …) */
            subject: string;
            code?: string;
            result: 'pass' | 'fail';
            findings?: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/templates': {
    /** The industry templates (latest version of each), optionally of one category */
    get: {
      parameters: {
        query?: {
          category?: 'edible-farm-products' | 'food' | 'drugs' | 'farm-inputs' | 'special-equipment' | 'hazardous-goods' | 'rare-earth' | 'imports' | 'herbs' | 'general';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Add a template, or a new version of one (regulators and platform administrators) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            [key: string]: unknown;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/templates/{id}': {
    /** One template with every CTE and field (latest version, or ?version=) */
    get: {
      parameters: {
        query?: {
          version?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/templates/{id}/{cte}/example.json': {
    /** An example record of one CTE, ready to send to POST /api/records */
    get: {
      parameters: {
        query?: {
          version?: number;
        };
        header?: never;
        path: {
          id: string;
          cte: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/templates/{id}/{cte}/workbook.xlsx': {
    /** The import workbook of a template (zh headers; ?lang=en for English); cte may be all */
    get: {
      parameters: {
        query?: {
          lang?: 'zh' | 'en';
        };
        header?: never;
        path: {
          id: string;
          cte: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/trace/{code}': {
    /** Trace a code back and/or forward: objects, relations, parties and events */
    get: {
      parameters: {
        query?: {
          direction?: 'back' | 'forward' | 'both';
          depth?: number;
          /** the graph as it stood at this instant */
          at?: string;
          /** most objects returned, nearest hops first; `truncated` says when more were reached */
          limit?: number;
        };
        header?: never;
        path: {
          code: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/trace/{code}/holders': {
    /** Who holds how much of a lot or product now (received − shipped − sold − destroyed) */
    get: {
      parameters: {
        query?: {
          at?: string;
        };
        header?: never;
        path: {
          code: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/users': {
    /** Users (administrators: all; enterprise administrators: their enterprise) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Create a user (administrators: anyone; enterprise administrators: their own operators) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            username: string;
            displayName: string;
            password: string;
            role: 'platform_admin' | 'regulator' | 'enterprise_admin' | 'enterprise_operator';
            enterprise?: string;
            department?: 'commerce' | 'agriculture' | 'market' | 'drug' | 'emergency' | 'police' | 'customs';
            regionScope?: string;
            industries?: string[];
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/users/me/password': {
    /** Change your password (ends your other sessions) */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            currentPassword: string;
            newPassword: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/warnings': {
    /** Warnings the caller may see (an enterprise its own, a regulator its region), newest first */
    get: {
      parameters: {
        query?: {
          rule?: string;
          /** 高 / 中 / 低 */
          severity?: 'high' | 'medium' | 'low';
          status?: 'new' | 'acknowledged' | 'resolved' | 'dismissed';
          /** GB/T 2260 code or prefix (46, 4601, 460105) */
          region?: string;
          enterprise?: string;
          /** any form the resolver accepts */
          code?: string;
          from?: string;
          to?: string;
          /** Page number, from 1 */
          page?: number;
          /** Rows per page */
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/warnings/scan': {
    /** Queue a scheduled scan now (it also runs every ten minutes) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {

          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/warnings/stats': {
    /** Warnings counted by rule, region, industry, severity and status */
    get: {
      parameters: {
        query?: {
          rule?: string;
          status?: 'new' | 'acknowledged' | 'resolved' | 'dismissed';
          /** GB/T 2260 code or prefix (46, 4601, 460105) */
          region?: string;
          from?: string;
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/warnings/{id}': {
    /** One warning with its evidence and status history */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Move a warning along new → acknowledged → resolved | dismissed, with a reason (regulators of its region) */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** new → acknowledged → resolved | dismissed */
            status: 'acknowledged' | 'resolved' | 'dismissed';
            reason: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/webhooks': {
    /** Your webhooks */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Register a webhook for recall notices, signed with a time (x-suyuan-signature: t=…,v1=HMAC) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            url: string;
            events?: ('recall.notice' | 'recall.reminder')[];
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/api/webhooks/{id}': {
    /** Remove a webhook */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/': {
    /** The top-level resources */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/bizLocations': {
    /** Known bizLocations */
    get: {
      parameters: {
        query?: {
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/bizLocations/{value}': {
    /** One of bizLocations: its sub-resources */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          value: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/bizLocations/{value}/events': {
    /** Events of one of bizLocations */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          value: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/bizSteps': {
    /** Known bizSteps */
    get: {
      parameters: {
        query?: {
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/bizSteps/{value}': {
    /** One of bizSteps: its sub-resources */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          value: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/bizSteps/{value}/events': {
    /** Events of one of bizSteps */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          value: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/capture': {
    /** Your recent capture jobs */
    get: {
      parameters: {
        query?: {
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Capture an EPCISDocument asynchronously (202 with the capture job) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/capture/{captureID}': {
    /** State of one capture job */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          captureID: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              captureID: string;
              createdAt: string;
              finishedAt?: string;
              running: boolean;
              success: boolean;
              captureErrorBehaviour: string;
              eventCount: number;
              storedCount: number;
              errors: {
                pointer: string;
                message: string;
              }[];
            };
          };
        };
      };
    };
  };
  '/epcis/dispositions': {
    /** Known dispositions */
    get: {
      parameters: {
        query?: {
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/dispositions/{value}': {
    /** One of dispositions: its sub-resources */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          value: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/dispositions/{value}/events': {
    /** Events of one of dispositions */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          value: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/epcs': {
    /** Known epcs */
    get: {
      parameters: {
        query?: {
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/epcs/{value}': {
    /** One of epcs: its sub-resources */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          value: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/epcs/{value}/events': {
    /** Events of one of epcs */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          value: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/eventTypes': {
    /** Known eventTypes */
    get: {
      parameters: {
        query?: {
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/eventTypes/{value}': {
    /** One of eventTypes: its sub-resources */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          value: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/eventTypes/{value}/events': {
    /** Events of one of eventTypes */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          value: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/events': {
    /** Query events with the EPCIS 2.0 query parameters */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Capture one event synchronously (201 with its location, 409 if its eventID exists) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/events/{eventID}': {
    /** One event by its eventID */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          eventID: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/queries': {
    /** Named queries */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Create a named query */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Unique query name */
            name: string;
            query: {
              [key: string]: string[] | string | number | boolean;
            };
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/queries/{name}': {
    /** A named query */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
    /** Delete a named query (its creator only) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/queries/{name}/events': {
    /** Run a named query */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/readPoints': {
    /** Known readPoints */
    get: {
      parameters: {
        query?: {
          perPage?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/readPoints/{value}': {
    /** One of readPoints: its sub-resources */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          value: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/readPoints/{value}/events': {
    /** Events of one of readPoints */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          value: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/epcis/{*}': {
    /** Versions, extensions and capture limits */
    options: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/healthz': {
    /** Liveness */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/readyz': {
    /** Readiness: the database answers */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/search': {
    /** Search box: redirects to the resolver for any code */
    get: {
      parameters: {
        query: {
          q: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': unknown;
          };
        };
      };
    };
  };
  '/t/{code}': {
    /** Resolve a trace code (HTML page, or JSON with Accept: application/json) */
    get: {
      parameters: {
        query?: {
          /** GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list) */
          linkType?: string;
          format?: 'json' | 'html';
          /** coarse place of the scan (region code or city) */
          place?: string;
          channel?: string;
        };
        header?: never;
        path: {
          code: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              /** the code as printed (suyuan code) or its canonical identifier */
              code: string;
              /** canonical identifier (urn:suyuan:code:… or GS1 Digital Link) */
              uri: string;
              /** suyuan, gs1 or other */
              scheme: string;
              issuedHere: boolean;
              /** seen: never issued here, known from captured events */
              state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
              activated: boolean;
              recalled: boolean;
              recall: {
                id: string;
                title: string;
                reason: string;
                severity: number;
                orderedBy: 'enterprise' | 'regulator';
                openedAt: string;
              } | null;
              expired: boolean;
              producer: string | null;
              product: string | null;
              productName: string | null;
              lot: string | null;
              productionDate: string | null;
              expiryDate: string | null;
              events: {
                count: number;
                first: string | null;
                last: string | null;
                lastBizStep: string | null;
                lastDisposition: string | null;
              };
              scans: {
                /** public scans of this code, this one included */
                count: number;
                /** time of the first public scan */
                since: string;
              };
              /** recalled, void, expired, never_activated, suspected_copy, stop_trading */
              warnings: string[];
              links: {
                trace: string;
                events: string;
              };
            };
          };
        };
      };
    };
  };
}

export interface components {
  schemas: {
  };
}
