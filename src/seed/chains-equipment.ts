import type { ChainBuilder } from './builder.js';
import type { Highlights } from './chains-farm.js';
import { makeCreditCode } from './master.js';

// Special equipment (特种设备), as records of the elevators and gas-cylinders templates: elevators
// maintained every 14 days (one overdue: last maintenance 26 days ago) and LPG cylinders registered
// to one filling unit with their fillings (one past its inspection date, so no longer fillable).

const codeOf = (uri: string) => uri.replace('urn:suyuan:code:', '');

export function elevatorChain(b: ChainBuilder, elevators: number): Highlights {
  const out: Highlights = {};
  const manufacturer = makeCreditCode(b.random, '91', '440113');
  for (let e = 0; e < elevators; e++) {
    const elevator = b.issue('elevatorMaintainer', 'asset', 'elevator', { batch: 'elevators' });
    b.record('elevatorMaintainer', 'elevators', 'installation', {
      elevatorCode: codeOf(elevator),
      model: 'GPS-III 1000kg 1.75m/s',
      productNumber: `DT2026${b.random.digits(6)}`,
      manufacturer,
      installer: b.partyCode('elevatorMaintainer'),
      installerLicence: `TS3344${b.random.digits(3)}-2028`,
      ratedLoad: 1000,
      ratedSpeed: 1.75,
      stops: 18,
      site: b.location('elevatorBuilding'),
      address: `广东省汕尾市海丰县海城镇二环路 9 号海城花园 3 栋 ${e + 1} 号梯`,
      completedOn: b.date(-125),
    });
    b.record('elevatorUser', 'elevators', 'use-registration', {
      elevatorCode: codeOf(elevator),
      registrationNumber: `梯11粤V${b.random.digits(5)}(26)`,
      user: b.partyCode('elevatorUser'),
      maintainer: b.partyCode('elevatorMaintainer'),
      registrar: '汕尾市市场监督管理局',
      registeredOn: b.date(-118),
    });
    b.record('elevatorUser', 'elevators', 'periodic-inspection', {
      elevatorCode: codeOf(elevator),
      inspectedOn: b.date(-120),
      inspectionBody: makeCreditCode(b.random, '12', '441500'),
      reportNumber: `DT-2026-4415-${b.random.digits(5)}`,
      conclusion: 'pass',
      nextInspectionDate: b.date(245),
    });
    const overdue = e === elevators - 1;
    const last = overdue ? 26 : 3 + e;
    for (let d = 110; d >= last; d -= 14) {
      const at = b.day(d, 14 + e);
      b.record('elevatorMaintainer', 'elevators', 'maintenance', {
        elevatorCode: codeOf(elevator),
        maintenanceType: d > 100 ? 'quarterly' : 'half-month',
        maintainedAt: b.time(at),
        maintainer: b.partyCode('elevatorMaintainer'),
        technicians: [`彭${'明强伟'.charAt(e % 3)}`, '叶青'],
        technicianCertificates: [`T4415${b.random.digits(3)}`, `T4415${b.random.digits(3)}`],
        items: '机房环境、手动紧急操作装置、驱动主机、制动器、层门和轿门旁路装置等（A1–A31）',
        findings: '无异常',
        userConfirmed: true,
        nextDue: b.date(-d + 14),
      });
    }
    if (e === 0)
      out.elevator = {
        code: codeOf(elevator),
        note: 'elevator: installation, use registration, inspection, maintenance every 14 days',
      };
    if (overdue)
      out.overdueElevator = {
        code: codeOf(elevator),
        note: 'PLANTED: elevator last maintained 26 days ago (rule: at least every 15 days)',
      };
  }
  return out;
}

export function cylinderChain(b: ChainBuilder, cylinders: number): Highlights {
  const out: Highlights = {};
  const manufacturer = makeCreditCode(b.random, '91', '440604');
  for (let c = 0; c < cylinders; c++) {
    const overdue = c === 0;
    const made = overdue ? 4 * 365 + 35 : 400 + c * 30;
    const cylinder = b.issue('gasFilling', 'asset', 'cylinder', {
      productionDate: b.date(-made),
      batch: 'cylinders',
    });
    const nextInspection = b.date(4 * 365 - made);
    b.record('gasFilling', 'gas-cylinders', 'manufacture', {
      cylinderCode: codeOf(cylinder),
      serialNumber: `${String(made % 100).padStart(2, '0')}A${b.random.digits(6)}`,
      manufacturer,
      manufactureLicence: `TS2244${b.random.digits(3)}-2029`,
      medium: 'lpg',
      nominalWorkingPressure: 2.1,
      waterCapacity: 35.5,
      tareWeight: 15.2,
      manufacturedOn: b.date(-made),
      nextInspectionDate: nextInspection,
      scrapDate: b.date(8 * 365 - made),
    });
    b.record('gasFilling', 'gas-cylinders', 'registration', {
      cylinderCode: codeOf(cylinder),
      fillingUnit: b.partyCode('gasFilling'),
      fillingLicence: `TS4244${b.random.digits(3)}-2028`,
      registrationNumber: `瓶11粤V${b.random.digits(5)}(26)`,
      registeredOn: b.date(-made + 20),
    });
    const firstFill = overdue ? 80 : 40;
    const lastFill = overdue ? 40 : 2;
    for (let d = firstFill; d >= lastFill; d -= 9 + c) {
      b.record('gasFilling', 'gas-cylinders', 'filling', {
        cylinderCode: codeOf(cylinder),
        fillingUnit: b.partyCode('gasFilling'),
        filledAt: b.time(b.day(d, 9 + c)),
        medium: 'lpg',
        preFillCheck: 'pass',
        postFillCheck: 'pass',
        filledMass: 14.5 + b.random.int(0, 8) / 10,
        operator: `庄${'一二三四'.charAt(c % 4)}`,
        operatorCertificate: `P4415${b.random.digits(3)}`,
        station: b.location('fillingStation'),
      });
    }
    if (overdue)
      out.overdueCylinder = {
        code: codeOf(cylinder),
        note: 'PLANTED: LPG cylinder whose periodic inspection fell due 35 days ago (filling is now refused)',
      };
    else if (c === 1)
      out.cylinder = {
        code: codeOf(cylinder),
        note: 'LPG cylinder registered to one filling unit, with its fillings (pre/post checks)',
      };
  }
  return out;
}

/** PLANTED: a receiving with no upstream shipment (the farmers market records pork nobody shipped). */
export function orphanReceiving(b: ChainBuilder): Highlights {
  const lot = b.issue('slaughterhouse', 'lot', 'pork', {
    lot: `ZR${b.date(-6).replace(/-/g, '')}-99`,
    productionDate: b.date(-6),
    expiryDate: b.date(-1),
  });
  b.record('farmersMarket', 'meat-vegetables', 'retail-receiving', {
    code: codeOf(lot),
    receivedDate: b.date(-5),
    weight: 180,
    supplier: b.partyCode('slaughterhouse'),
    receiver: b.partyCode('farmersMarket'),
    store: b.location('farmersMarketHall'),
  });
  return {
    orphanReceiving: {
      code: codeOf(lot),
      note: 'PLANTED: pork received at 嘉积农贸市场 with no shipment upstream',
    },
  };
}
