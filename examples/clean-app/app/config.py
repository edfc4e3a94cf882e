import os
from datetime import timedelta


class Config:
    # Required: the process stops at start-up when one is missing, instead of running with a default.
    SECRET_KEY = os.environ["SECRET_KEY"]
    JWT_SECRET_KEY = os.environ["JWT_SECRET_KEY"]

    # DATABASE_URL carries sslmode=verify-full, sslrootcert and the client certificate (see .env.example).
    SQLALCHEMY_DATABASE_URI = os.environ["DATABASE_URL"]
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLALCHEMY_TRACK_MODIFICATIONS = False

    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)

    RATELIMIT_STORAGE_URI = os.environ["RATELIMIT_STORAGE_URI"]


class ProductionConfig(Config):
    pass


config_by_name = {
    "production": ProductionConfig,
}
