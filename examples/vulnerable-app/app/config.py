import os
from datetime import timedelta


class Config:
    SECRET_KEY = "ledger-prod-2f9c1e7a"
    JWT_SECRET_KEY = os.getenv("JWT_SECRET_KEY", "ledger-jwt-signing-key")
    SECURITY_PASSWORD_SALT = "ledger-salt-1f3e"

    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL",
        "cockroachdb://ledger:Ledger-Pass-2024@crdb.ledger.internal:26257/ledger?sslmode=disable",
    )
    SQLALCHEMY_TRACK_MODIFICATIONS = False

    # The mobile app's web view loads the site from another origin.
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_HTTPONLY = False
    SESSION_COOKIE_SAMESITE = "None"
    REMEMBER_COOKIE_SECURE = False
    PERMANENT_SESSION_LIFETIME = timedelta(days=365)

    DEBUG = True


class ProductionConfig(Config):
    SQLALCHEMY_DATABASE_URI = "cockroachdb://ledger@crdb.ledger.internal:26257/ledger"


class DevelopmentConfig(Config):
    SQLALCHEMY_DATABASE_URI = "cockroachdb://root@localhost:26257/ledger?sslmode=disable"


config_by_name = {
    "production": ProductionConfig,
    "development": DevelopmentConfig,
}
