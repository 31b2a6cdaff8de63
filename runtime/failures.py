"""How failures cross Temporal's boundary: encrypted, like payloads.

The SDK's `DefaultFailureConverter(encode_common_attributes=True)` moves every failure's message and
stack trace into an attribute payload that the codec encrypts, so an error text that quoted personal
data would be ciphertext in the server's database, its UI and its logs (they show "Encoded failure").
Clients decode update and workflow failures. Query failures are the exception: the server hands them
to the client as bare text, so the one query refusal a client must read (a case still loading its
calendar, a fixed sentence with no case data) keeps its text; its type names it here.
"""

from __future__ import annotations

from temporalio.api.failure.v1 import Failure
from temporalio.converter import DefaultFailureConverter, PayloadConverter
from temporalio.exceptions import ApplicationError

PLAIN_TYPES = frozenset({"CaseStarting"})


class EncryptedFailureConverter(DefaultFailureConverter):
    def __init__(self) -> None:
        super().__init__(encode_common_attributes=True)

    def to_failure(self, exception: BaseException, payload_converter: PayloadConverter, failure: Failure) -> None:
        if isinstance(exception, ApplicationError) and exception.type in PLAIN_TYPES and exception.cause is None:
            DefaultFailureConverter.default.to_failure(exception, payload_converter, failure)
            failure.stack_trace = ""
            return
        super().to_failure(exception, payload_converter, failure)
