"""The conversation keys of Telegram (bot/answer/conversation.py): which messages share a topic.

A private chat is one conversation; in a group each user within the chat has their own, so that
two people asking the bot in one group do not continue each other's topics. A reply to one of the
bot's messages continues the topic of that message, whoever replies.
"""

from __future__ import annotations

from telegram.constants import ChatType

SHARED_CHATS = {ChatType.GROUP, ChatType.SUPERGROUP, ChatType.CHANNEL}


def conversation_key(chat_id: int | str, chat_type: str, user_id: str) -> str:
    """A private chat is one conversation; in a group, each user within the chat has one."""
    if chat_type in SHARED_CHATS:
        return f"telegram:{chat_id}:{user_id}"
    return f"telegram:{chat_id}"


def message_key(chat_id: int | str, message_id: int) -> str:
    """The key of one bot message: a reply to it continues the topic of its answer."""
    return f"telegram:{chat_id}:msg:{message_id}"
