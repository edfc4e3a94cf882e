"""Ledger: accounts and transfers for the retail bank, on Flask and CockroachDB."""
import logging
import os

from flask import Flask

from .config import config_by_name
from .db import db
from .extensions import login_manager

log = logging.getLogger(__name__)


def create_app(config_name=None):
    app = Flask(__name__)
    config_name = config_name or os.environ.get("FLASK_CONFIG", "production")
    app.config.from_object(config_by_name[config_name])

    db.init_app(app)
    login_manager.init_app(app)

    from .routes.accounts import bp as accounts_bp
    from .routes.admin import bp as admin_bp
    from .routes.auth import bp as auth_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(accounts_bp, url_prefix="/accounts")
    app.register_blueprint(admin_bp, url_prefix="/admin")

    log.info("ledger starting, database %s", app.config["SQLALCHEMY_DATABASE_URI"])
    return app
