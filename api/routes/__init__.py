"""One APIRouter per concern; api.main includes them all."""
