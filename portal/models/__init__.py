from .outbox import OutgoingMessage
from .users import User

__all__ = ["OutgoingMessage", "User"]
