"""HTTP access to the journal platform (FHIR R4) and the identity provider. No Qt, no SQL."""

from client.auth import BearerAuth
from client.bundles import BundleEntryRequest, EntryResult, FhirResource, new_id
from client.capabilities import Capabilities, ResourceCapability
from client.errors import (
    AuthError,
    CertificateError,
    ConnectionFailed,
    FhirError,
    Forbidden,
    Gone,
    IncompleteAnswer,
    InvalidInput,
    MalformedResource,
    MalformedServerResource,
    MultipleMatches,
    NotFound,
    OutgoingResourceInvalid,
    Problem,
    RateLimited,
    ResourceValidationError,
    ResponseError,
    ServerError,
    Timeout,
    TransportError,
    Unauthorized,
    UnexpectedResponse,
    VersionConflict,
)
from client.fhir_client import FhirClient, SearchParams
from client.pages import HistoryEntry, HistoryPage, SearchPage, Unreadable
from client.results import WriteResult
from client.retry import Repeatable, RetryPolicy
from client.settings import Timeouts
from client.validation import ValidationMode, check_resource

__all__ = [
    "AuthError",
    "BearerAuth",
    "BundleEntryRequest",
    "Capabilities",
    "CertificateError",
    "ConnectionFailed",
    "EntryResult",
    "FhirClient",
    "FhirError",
    "FhirResource",
    "Forbidden",
    "Gone",
    "HistoryEntry",
    "HistoryPage",
    "IncompleteAnswer",
    "InvalidInput",
    "MalformedResource",
    "MalformedServerResource",
    "MultipleMatches",
    "NotFound",
    "OutgoingResourceInvalid",
    "Problem",
    "RateLimited",
    "Repeatable",
    "ResourceCapability",
    "ResourceValidationError",
    "ResponseError",
    "RetryPolicy",
    "SearchPage",
    "SearchParams",
    "ServerError",
    "Timeout",
    "Timeouts",
    "TransportError",
    "Unauthorized",
    "UnexpectedResponse",
    "Unreadable",
    "ValidationMode",
    "VersionConflict",
    "WriteResult",
    "check_resource",
    "new_id",
]
