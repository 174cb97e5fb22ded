-- Device keys: machine credentials of a trace scale, scanner or sensor gateway (设备接入), with the
-- device's identity, so an enterprise sees which of its devices are reporting. Online status is
-- derived from last_used_at, which authentication now keeps (at most once a minute per key).
ALTER TABLE api_keys
  ADD COLUMN kind text NOT NULL DEFAULT 'client' CHECK (kind IN ('client', 'device')),
  ADD COLUMN device_type text CHECK (device_type IN ('trace-scale', 'scanner', 'sensor-gateway', 'pos', 'other')),
  ADD COLUMN device_serial text CHECK (char_length(device_serial) BETWEEN 1 AND 64),
  ADD COLUMN device_model text CHECK (char_length(device_model) <= 100),
  ADD COLUMN device_location text CHECK (char_length(device_location) <= 200),
  ADD CONSTRAINT api_keys_device_identity CHECK (
    (kind = 'device') = (device_type IS NOT NULL AND device_serial IS NOT NULL));

-- One live key per device serial within an enterprise: a replaced scale gets a new key after the
-- old one is revoked, never two at once.
CREATE UNIQUE INDEX api_keys_live_device ON api_keys (enterprise, device_serial)
  WHERE kind = 'device' AND revoked_at IS NULL;
