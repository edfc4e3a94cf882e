"""Ledger: accounts and transfers for the retail bank, on Flask and CockroachDB."""
import logging
import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import config_by_name
from .db import db
from .extensions import limiter, login_manager

log = logging.getLogger(__name__)


def create_app(config_name=None):
    app = Flask(__name__)
    config_name = config_name or os.environ.get("FLASK_CONFIG", "production")
    app.config.from_object(config_by_name[config_name])
    # One trusted proxy (the ingress) sets X-Forwarded-For and X-Forwarded-Proto.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)

    db.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)

    from .routes.accounts import bp as accounts_bp
    from .routes.admin import bp as admin_bp
    from .routes.auth import bp as auth_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(accounts_bp, url_prefix="/accounts")
    app.register_blueprint(admin_bp, url_prefix="/admin")

    log.info("ledger starting with config %s", config_name)
    return app
