"""SQL models: every .sql file under sql/ is one asset (staging, then marts)."""


from pipeline.settings import REPO_ROOT
from pipeline.sql_models import build_sql_model_assets

SQL_DIR = REPO_ROOT / "sql"

sql_model_assets = build_sql_model_assets(SQL_DIR)
