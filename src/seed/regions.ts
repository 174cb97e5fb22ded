// Regions of the source documents (Hainan, Shanwei, Fujian, Henan plans) with their GB/T 2260 codes.
// Every code is checked against the region table (src/identifiers) by the seed and by its tests.

export interface SeedRegion {
  code: string;
  name: string;
  /** Approximate centre (WGS-84), for coordinates of the demo enterprises. */
  lat: number;
  lng: number;
}

export const regions = {
  haikouXiuying: { code: '460105', name: '海口市秀英区', lat: 20.01, lng: 110.29 },
  haikouLonghua: { code: '460106', name: '海口市龙华区', lat: 20.03, lng: 110.33 },
  haikouQiongshan: { code: '460107', name: '海口市琼山区', lat: 19.99, lng: 110.35 },
  haikouMeilan: { code: '460108', name: '海口市美兰区', lat: 20.03, lng: 110.37 },
  sanyaJiyang: { code: '460203', name: '三亚市吉阳区', lat: 18.28, lng: 109.58 },
  sanyaYazhou: { code: '460205', name: '三亚市崖州区', lat: 18.36, lng: 109.17 },
  danzhou: { code: '460400', name: '儋州市', lat: 19.52, lng: 109.58 },
  qionghai: { code: '469002', name: '琼海市', lat: 19.26, lng: 110.47 },
  wenchang: { code: '469005', name: '文昌市', lat: 19.54, lng: 110.8 },
  dingan: { code: '469021', name: '定安县', lat: 19.68, lng: 110.36 },
  tunchang: { code: '469022', name: '屯昌县', lat: 19.35, lng: 110.1 },
  shanweiCity: { code: '441502', name: '汕尾市城区', lat: 22.78, lng: 115.37 },
  haifeng: { code: '441521', name: '海丰县', lat: 22.97, lng: 115.32 },
  luhe: { code: '441523', name: '陆河县', lat: 23.3, lng: 115.66 },
  lufeng: { code: '441581', name: '陆丰市', lat: 22.92, lng: 115.64 },
  fuzhouCangshan: { code: '350104', name: '福州市仓山区', lat: 26.05, lng: 119.27 },
  xiamenSiming: { code: '350203', name: '厦门市思明区', lat: 24.45, lng: 118.08 },
  quanzhouJinjiang: { code: '350582', name: '泉州市晋江市', lat: 24.78, lng: 118.55 },
  quanzhouFengze: { code: '350503', name: '泉州市丰泽区', lat: 24.89, lng: 118.61 },
  longyanChangting: { code: '350821', name: '龙岩市长汀县', lat: 25.83, lng: 116.36 },
  zhengzhouJinshui: { code: '410105', name: '郑州市金水区', lat: 34.8, lng: 113.66 },
  luoyangXigong: { code: '410303', name: '洛阳市西工区', lat: 34.67, lng: 112.43 },
  jiaozuoWenxian: { code: '410825', name: '焦作市温县', lat: 34.94, lng: 113.08 },
} as const satisfies Record<string, SeedRegion>;

export type RegionKey = keyof typeof regions;

/** Places consumers scan from, for the scan log (GB/T 2260 codes). */
export const scanPlaces = ['460100', '460200', '469002', '441500', '350100', '350200', '410100', '440300'];
