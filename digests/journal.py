"""The sending journal: what happened to each message of a batch, written as it happens, so
a batch whose worker died can be resumed without sending anything twice.

Before a message goes to the mail server its delivery is marked "attempting"; once the
server has accepted it, "sent" (in the same write as the next message's "attempting"). A
batch taking over a claim reads the journal: "sent" is recorded as sent, "attempting" (the
worker died between handing the message over and hearing back) as interrupted, never sent
again; nothing at all means it was never tried.

With Redis (DIGESTS_JOURNAL_URL, or the Celery broker) the journal is a hash per claim:
one round trip a message and no SQL. Without Redis it is the delivery rows' own status,
an UPDATE a mark: slower, equally safe, for installations without a broker.
"""

import datetime

from django.utils import timezone

from . import conf
from .models import Delivery, DeliveryStatus

ATTEMPTING = "attempting"
SENT = "sent"
KEEP_FOR = datetime.timedelta(days=7)


class DatabaseJournal:
    def read(self, rows):
        """{delivery id: state} for rows claimed before: their status is the journal."""
        return {row.pk: ATTEMPTING for row in rows if row.status == DeliveryStatus.SENDING}

    def mark(self, token, sent=None, attempting=None):
        """`sent` was accepted by the mail server; `attempting` is about to be handed over."""
        if sent is not None:
            Delivery.objects.filter(pk=sent).update(
                status=DeliveryStatus.SENT, sent_at=timezone.now()
            )
        if attempting is not None:
            Delivery.objects.filter(pk=attempting).update(status=DeliveryStatus.SENDING)

    def abandoned(self, token, delivery_id):
        """The mail server refused it: it was not sent, and may be tried again."""
        Delivery.objects.filter(pk=delivery_id).update(status=DeliveryStatus.CLAIMED)

    def close(self, token):
        pass


class RedisJournal:
    def __init__(self, url):
        import redis

        self.redis = redis.Redis.from_url(url)
        self._expiring = set()

    @staticmethod
    def key(token):
        return f"digests:journal:{token}"

    def read(self, rows):
        tokens = sorted({row.claim for row in rows if row.claim})
        pipe = self.redis.pipeline()
        for token in tokens:
            pipe.hgetall(self.key(token))
        states = {}
        for entries in pipe.execute():
            states.update({int(k): v.decode() for k, v in entries.items()})
        found = {row.pk: states[row.pk] for row in rows if row.pk in states}
        # A row left in "sending" by a worker without Redis is as uncertain as "attempting".
        found.update({row.pk: ATTEMPTING for row in rows if row.status == DeliveryStatus.SENDING})
        return found

    def mark(self, token, sent=None, attempting=None):
        """One round trip a message: the last one sent, and the next one about to go."""
        key = self.key(token)
        pipe = self.redis.pipeline(transaction=False)
        if sent is not None:
            pipe.hset(key, str(sent), SENT)
        if attempting is not None:
            pipe.hset(key, str(attempting), ATTEMPTING)
        if token not in self._expiring:
            pipe.expire(key, int(KEEP_FOR.total_seconds()))
            self._expiring.add(token)
        pipe.execute()

    def abandoned(self, token, delivery_id):
        self.redis.hdel(self.key(token), str(delivery_id))

    def close(self, token):
        self.redis.delete(self.key(token))


def journal():
    url = conf.journal_url()
    return RedisJournal(url) if url else DatabaseJournal()
