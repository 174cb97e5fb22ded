-- Parties and master data: enterprises (备案) with their filing history, market merchants,
-- licences and certifications, locations, products, and the product catalog with its per-region
-- key / encouraged lists. Ownership is by the enterprise's credit code; the application checks it
-- today (src/parties/access.ts), row-level security will later.

-- Per-database random secrets, created by the application on first use (never by a default here):
-- today the key that protects merchants' ID numbers is derived from one of them with HKDF.
CREATE TABLE secrets (
  name        text PRIMARY KEY,
  value       bytea NOT NULL CHECK (octet_length(value) >= 32),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enterprises (
  credit_code              text PRIMARY KEY CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  credit_code_check_failed boolean NOT NULL DEFAULT false, -- genuine early codes fail GB 32100's check
  name                     text NOT NULL,
  legal_representative     text NOT NULL,
  contact_name             text NOT NULL,
  contact_phone            text NOT NULL,
  contact_email            text,
  region                   text NOT NULL CHECK (region ~ '^[0-9]{6}$'), -- GB/T 2260
  address                  text NOT NULL,
  latitude                 double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude                double precision CHECK (longitude BETWEEN -180 AND 180),
  industries               text[] NOT NULL CHECK (cardinality(industries) > 0),
  node_types               text[] NOT NULL CHECK (cardinality(node_types) > 0),
  gln                      text UNIQUE CHECK (gln ~ '^[0-9]{13}$'),
  status                   text NOT NULL DEFAULT 'applied'
                             CHECK (status IN ('applied', 'filed', 'suspended', 'cancelled')),
  created_by               text NOT NULL,
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX enterprises_region ON enterprises (region text_pattern_ops);
CREATE INDEX enterprises_industries ON enterprises USING gin (industries);
CREATE INDEX enterprises_node_types ON enterprises USING gin (node_types);

-- Every change of filing status: who, when, why. Append-only.
CREATE TABLE enterprise_filings (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise   text NOT NULL REFERENCES enterprises (credit_code),
  from_status  text,
  to_status    text NOT NULL,
  reason       text NOT NULL,
  changed_by   text NOT NULL,
  changed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_filings_enterprise ON enterprise_filings (enterprise, id);
CREATE FUNCTION enterprise_filings_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'enterprise_filings is append-only';
END $$;
CREATE TRIGGER enterprise_filings_no_change BEFORE UPDATE OR DELETE ON enterprise_filings
  FOR EACH ROW EXECUTE FUNCTION enterprise_filings_append_only();

-- Stall holders of a market operator, real-name registered. The ID number (居民身份证号) is never
-- stored in clear: AES-256-GCM ciphertext, an HMAC for lookups, and the masked form shown.
CREATE TABLE merchants (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise        text NOT NULL REFERENCES enterprises (credit_code),
  name              text NOT NULL,
  id_number_cipher  bytea NOT NULL,
  id_number_hash    text NOT NULL,
  id_number_masked  text NOT NULL,
  stall             text,
  phone             text,
  active            boolean NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise, id_number_hash)
);

-- Licences (许可证) and certifications (认证) share one shape.
CREATE TABLE credentials (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise  text NOT NULL REFERENCES enterprises (credit_code),
  kind        text NOT NULL CHECK (kind IN ('licence', 'certification')),
  type        text NOT NULL,
  number      text NOT NULL,
  issuer      text NOT NULL,
  valid_from  date NOT NULL,
  valid_to    date, -- null: no end date (长期)
  scope       text,
  file_ref    text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  UNIQUE (enterprise, kind, type, number)
);
CREATE INDEX credentials_valid_to ON credentials (valid_to);

-- Sites, warehouses, stalls and read points. `identifier` is what EPCIS events name as readPoint /
-- bizLocation; the parent of each is also written to location_parents for WD_ queries.
CREATE TABLE locations (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise  text NOT NULL REFERENCES enterprises (credit_code),
  seq         integer NOT NULL,
  identifier  text NOT NULL UNIQUE,
  kind        text NOT NULL,
  name        text NOT NULL,
  parent_id   bigint REFERENCES locations (id),
  address     text,
  latitude    double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude   double precision CHECK (longitude BETWEEN -180 AND 180),
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise, seq),
  CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX locations_parent ON locations (parent_id);

-- Product catalog: industry → category → variety. Keys are dotted paths of stable English words.
CREATE TABLE catalog_nodes (
  key       text PRIMARY KEY CHECK (key ~ '^[a-z0-9-]+(\.[a-z0-9-]+){0,2}$'),
  parent    text REFERENCES catalog_nodes (key),
  level     text NOT NULL CHECK (level IN ('industry', 'category', 'variety')),
  name_zh   text NOT NULL,
  name_en   text NOT NULL,
  position  integer NOT NULL DEFAULT 0,
  CHECK ((level = 'industry') = (parent IS NULL))
);
CREATE INDEX catalog_nodes_parent ON catalog_nodes (parent, position);

CREATE TABLE products (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise       text NOT NULL REFERENCES enterprises (credit_code),
  gtin             text CHECK (gtin ~ '^[0-9]{14}$'),
  code             text,
  name             text NOT NULL,
  category         text NOT NULL REFERENCES catalog_nodes (key),
  specification    text,
  unit             text,
  shelf_life_days  integer CHECK (shelf_life_days > 0),
  approvals        jsonb NOT NULL DEFAULT '[]',
  image_ref        text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (gtin IS NOT NULL OR code IS NOT NULL),
  UNIQUE (enterprise, gtin),
  UNIQUE (enterprise, code)
);
CREATE INDEX products_category ON products (category);
CREATE INDEX products_approvals ON products USING gin (approvals jsonb_path_ops);

-- Per-region lists of key (重点) and encouraged (鼓励) traced products. A new version supersedes the
-- previous one from its effective date; old versions are kept with their end date.
CREATE TABLE catalog_lists (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region          text NOT NULL CHECK (region ~ '^[0-9]{6}$'),
  kind            text NOT NULL CHECK (kind IN ('key', 'encouraged')),
  version         integer NOT NULL CHECK (version > 0),
  effective_from  date NOT NULL,
  effective_to    date,
  note            text,
  published_by    text NOT NULL,
  published_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region, kind, version),
  CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE TABLE catalog_list_items (
  list_id   bigint NOT NULL REFERENCES catalog_lists (id),
  category  text NOT NULL REFERENCES catalog_nodes (key),
  PRIMARY KEY (list_id, category)
);

-- The catalog seed, from DOMAIN.md section 2: the nine industries, a grouping level, and the
-- examples of the documents as varieties.
INSERT INTO catalog_nodes (key, parent, level, name_zh, name_en, position) VALUES
  ('edible-farm', NULL, 'industry', '食用农产品', 'Edible farm products', 1),
  ('food', NULL, 'industry', '食品', 'Food', 2),
  ('drug', NULL, 'industry', '药品', 'Drugs', 3),
  ('farm-input', NULL, 'industry', '农业生产资料', 'Farm inputs', 4),
  ('special-equipment', NULL, 'industry', '特种设备', 'Special equipment', 5),
  ('hazardous', NULL, 'industry', '危险品', 'Hazardous goods', 6),
  ('rare-earth', NULL, 'industry', '稀土', 'Rare earth', 7),
  ('import', NULL, 'industry', '进口产品', 'Imported products', 8),
  ('herb', NULL, 'industry', '中药材', 'Medicinal herbs', 9);

INSERT INTO catalog_nodes (key, parent, level, name_zh, name_en, position) VALUES
  ('edible-farm.livestock', 'edible-farm', 'category', '畜禽产品', 'Livestock and poultry products', 1),
  ('edible-farm.crops', 'edible-farm', 'category', '种植产品', 'Crop products', 2),
  ('edible-farm.aquatic', 'edible-farm', 'category', '水产品', 'Aquatic products', 3),
  ('food.dairy', 'food', 'category', '乳制品', 'Dairy products', 1),
  ('food.processed', 'food', 'category', '加工食品', 'Processed food', 2),
  ('food.beverages', 'food', 'category', '酒类', 'Alcoholic beverages', 3),
  ('drug.finished', 'drug', 'category', '制剂与疫苗', 'Finished drugs and vaccines', 1),
  ('drug.materials', 'drug', 'category', '原料药与饮片', 'APIs and decoction pieces', 2),
  ('farm-input.crop', 'farm-input', 'category', '种植业投入品', 'Crop inputs', 1),
  ('farm-input.livestock', 'farm-input', 'category', '养殖业投入品', 'Livestock inputs', 2),
  ('special-equipment.electromechanical', 'special-equipment', 'category', '机电类特种设备', 'Electromechanical equipment', 1),
  ('special-equipment.pressure', 'special-equipment', 'category', '承压类特种设备', 'Pressure equipment', 2),
  ('hazardous.explosives', 'hazardous', 'category', '爆炸物品', 'Explosives', 1),
  ('hazardous.chemicals', 'hazardous', 'category', '危险化学品', 'Dangerous chemicals', 2),
  ('rare-earth.mining', 'rare-earth', 'category', '稀土开采', 'Rare-earth mining', 1),
  ('rare-earth.smelting', 'rare-earth', 'category', '稀土冶炼分离', 'Rare-earth smelting and separation', 2),
  ('import.food', 'import', 'category', '进口食品', 'Imported food', 1),
  ('import.beverages', 'import', 'category', '进口饮品', 'Imported beverages', 2),
  ('herb.medicinal', 'herb', 'category', '药用植物', 'Medicinal plants', 1);

INSERT INTO catalog_nodes (key, parent, level, name_zh, name_en, position) VALUES
  ('edible-farm.livestock.pork', 'edible-farm.livestock', 'variety', '猪肉', 'Pork', 1),
  ('edible-farm.livestock.beef', 'edible-farm.livestock', 'variety', '牛肉', 'Beef', 2),
  ('edible-farm.livestock.mutton', 'edible-farm.livestock', 'variety', '羊肉', 'Mutton', 3),
  ('edible-farm.livestock.eggs', 'edible-farm.livestock', 'variety', '禽蛋', 'Eggs', 4),
  ('edible-farm.crops.vegetables', 'edible-farm.crops', 'variety', '蔬菜', 'Vegetables', 1),
  ('edible-farm.crops.tropical-fruit', 'edible-farm.crops', 'variety', '热带水果', 'Tropical fruit', 2),
  ('edible-farm.crops.tea', 'edible-farm.crops', 'variety', '茶叶', 'Tea', 3),
  ('edible-farm.crops.fungi', 'edible-farm.crops', 'variety', '食用菌', 'Edible fungi', 4),
  ('edible-farm.aquatic.fish-shellfish', 'edible-farm.aquatic', 'variety', '鱼虾贝类', 'Fish and shellfish', 1),
  ('food.dairy.infant-formula', 'food.dairy', 'variety', '婴幼儿配方乳粉', 'Infant formula', 1),
  ('food.dairy.dairy', 'food.dairy', 'variety', '液态乳及其他乳制品', 'Milk and other dairy', 2),
  ('food.processed.meat-products', 'food.processed', 'variety', '肉制品', 'Meat products', 1),
  ('food.processed.edible-oil', 'food.processed', 'variety', '食用植物油', 'Edible oil', 2),
  ('food.beverages.liquor', 'food.beverages', 'variety', '白酒', 'Liquor (baijiu)', 1),
  ('drug.finished.formulations', 'drug.finished', 'variety', '制剂', 'Formulations', 1),
  ('drug.finished.vaccines', 'drug.finished', 'variety', '疫苗', 'Vaccines', 2),
  ('drug.materials.api', 'drug.materials', 'variety', '原料药', 'Active pharmaceutical ingredients', 1),
  ('drug.materials.decoction-pieces', 'drug.materials', 'variety', '中药饮片', 'Decoction pieces', 2),
  ('farm-input.crop.pesticide', 'farm-input.crop', 'variety', '农药', 'Pesticides', 1),
  ('farm-input.crop.fertilizer', 'farm-input.crop', 'variety', '肥料', 'Fertilizers', 2),
  ('farm-input.crop.seed', 'farm-input.crop', 'variety', '种子', 'Seeds', 3),
  ('farm-input.livestock.veterinary-drug', 'farm-input.livestock', 'variety', '兽药', 'Veterinary drugs', 1),
  ('farm-input.livestock.feed', 'farm-input.livestock', 'variety', '饲料', 'Feed', 2),
  ('special-equipment.electromechanical.elevator', 'special-equipment.electromechanical', 'variety', '电梯', 'Elevators', 1),
  ('special-equipment.pressure.gas-cylinder', 'special-equipment.pressure', 'variety', '气瓶', 'Gas cylinders', 1),
  ('hazardous.explosives.civil-explosives', 'hazardous.explosives', 'variety', '民用爆炸物品', 'Civil explosives', 1),
  ('hazardous.explosives.fireworks', 'hazardous.explosives', 'variety', '烟花爆竹', 'Fireworks', 2),
  ('hazardous.chemicals.explosive-precursors', 'hazardous.chemicals', 'variety', '易制爆危险化学品', 'Explosive-precursor chemicals', 1),
  ('hazardous.chemicals.highly-toxic', 'hazardous.chemicals', 'variety', '剧毒化学品', 'Highly toxic chemicals', 2),
  ('rare-earth.mining.mine-products', 'rare-earth.mining', 'variety', '稀土矿产品', 'Rare-earth mine products', 1),
  ('rare-earth.smelting.separated-oxides', 'rare-earth.smelting', 'variety', '稀土氧化物', 'Separated rare-earth oxides', 1),
  ('import.food.milk-powder', 'import.food', 'variety', '奶粉', 'Milk powder', 1),
  ('import.food.olive-oil', 'import.food', 'variety', '橄榄油', 'Olive oil', 2),
  ('import.food.rice', 'import.food', 'variety', '大米', 'Rice', 3),
  ('import.beverages.wine', 'import.beverages', 'variety', '葡萄酒', 'Wine', 1),
  ('import.beverages.whisky', 'import.beverages', 'variety', '威士忌', 'Whisky', 2),
  ('import.beverages.mineral-water', 'import.beverages', 'variety', '矿泉水', 'Mineral water', 3),
  ('import.beverages.tea', 'import.beverages', 'variety', '茶叶', 'Tea', 4),
  ('herb.medicinal.medicinal-materials', 'herb.medicinal', 'variety', '中药材', 'Medicinal materials', 1);
