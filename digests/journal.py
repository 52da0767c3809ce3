"""The sending journal: what happened to each message of a batch, written as it happens, so
a batch whose worker died can be resumed without sending anything twice.

Before a message goes to the mail server its delivery is marked "attempting"; once the
server has accepted it, "sent". A batch taking over a claim reads the journal: "sent" is
recorded as sent, "attempting" (the worker died between handing the message over and
hearing back) as interrupted, never sent again; nothing at all means it was never tried.

With Redis (DIGESTS_JOURNAL_URL, or the Celery broker) the journal is a hash per claim,
two quick commands a message and no SQL. Without Redis it is the delivery rows' own
status, one UPDATE a mark: slower, equally safe, for installations without a broker.
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

    def attempting(self, token, delivery_id):
        Delivery.objects.filter(pk=delivery_id).update(status=DeliveryStatus.SENDING)

    def sent(self, token, delivery_id):
        Delivery.objects.filter(pk=delivery_id).update(
            status=DeliveryStatus.SENT, sent_at=timezone.now()
        )

    def abandoned(self, token, delivery_id):
        """The mail server refused it: it was not sent, and may be tried again."""
        Delivery.objects.filter(pk=delivery_id).update(status=DeliveryStatus.CLAIMED)

    def close(self, token):
        pass


class RedisJournal:
    def __init__(self, url):
        import redis

        self.redis = redis.Redis.from_url(url)

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

    def attempting(self, token, delivery_id):
        key = self.key(token)
        pipe = self.redis.pipeline()
        pipe.hset(key, str(delivery_id), ATTEMPTING)
        pipe.expire(key, int(KEEP_FOR.total_seconds()))
        pipe.execute()

    def sent(self, token, delivery_id):
        self.redis.hset(self.key(token), str(delivery_id), SENT)

    def abandoned(self, token, delivery_id):
        self.redis.hdel(self.key(token), str(delivery_id))

    def close(self, token):
        self.redis.delete(self.key(token))


def journal():
    url = conf.journal_url()
    return RedisJournal(url) if url else DatabaseJournal()
