import pytest

from app import create_app
from app.config import config_by_name
from app.db import db


class TestConfig(config_by_name["development"]):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "cockroachdb://root@localhost:26257/ledger_test?sslmode=disable"


@pytest.fixture()
def app():
    config_by_name["test"] = TestConfig
    app = create_app("test")
    with app.app_context():
        db.create_all()
        yield app
        db.drop_all()


@pytest.fixture()
def client(app):
    return app.test_client()
