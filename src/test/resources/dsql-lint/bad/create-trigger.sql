-- A trigger: DSQL has none.
CREATE TRIGGER parcel_touch BEFORE UPDATE ON parcel FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
