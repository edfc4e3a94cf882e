from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.session_protection = "strong"

# The storage URI comes from RATELIMIT_STORAGE_URI in the app config.
limiter = Limiter(key_func=get_remote_address, default_limits=["300 per hour"])


@login_manager.user_loader
def load_user(user_id):
    from .db import db
    from .models import User

    return db.session.get(User, int(user_id))
