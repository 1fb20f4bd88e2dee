"""The exception tree.

Every error pkgcloud raises derives from :class:`PkgcloudError`. The branches say what went wrong:
configuration (before any request), bad input to an operation (before any request), authentication,
the network, an HTTP status from a service, waiting, and data integrity. Nothing here ever carries a
token, password or key: messages are built from redacted URLs and the service's own message.
"""

from __future__ import annotations

from typing import Any


class PkgcloudError(Exception):
    """Base class of every error raised by pkgcloud."""


# -- configuration: raised by create_client, before anything is sent ---------------------------


class ConfigurationError(PkgcloudError, ValueError):
    """The options given to ``create_client`` cannot work."""


class UnknownOption(ConfigurationError):
    """An option name the provider does not know (the message suggests the closest one)."""


class MissingOption(ConfigurationError):
    """A required option was not given."""


class InvalidOption(ConfigurationError):
    """An option has a value of the wrong type or outside what is allowed, or options conflict."""


class UnknownProvider(ConfigurationError):
    """No installed plugin registers a provider of that name."""


class UnsupportedService(ConfigurationError):
    """The provider exists but does not offer the service asked for."""


class UnsupportedOperation(PkgcloudError, NotImplementedError):
    """The provider's client does not implement this operation."""


# -- input to an operation: raised before the request ------------------------------------------


class ValidationError(PkgcloudError, ValueError):
    """An argument to an operation is invalid (a name too long, a wrong type, ...)."""


# -- authentication ------------------------------------------------------------------------------


class AuthError(PkgcloudError):
    """Base class of authentication problems."""


class AuthenticationFailed(AuthError):
    """The identity service refused the credentials (names the user, project and URL, never the secret)."""


class EndpointNotFound(AuthError):
    """The service catalog has no endpoint matching the request; the message lists what it has."""


class ReauthenticationImpossible(AuthError):
    """A service rejected the token and the request cannot be replayed (its body was a one-shot stream)."""


# -- transport -----------------------------------------------------------------------------------


class TransportError(PkgcloudError):
    """The request did not get an HTTP answer (after the retries allowed)."""

    def __init__(self, message: str, *, method: str = "", url: str = "") -> None:
        super().__init__(message)
        self.method = method
        self.url = url


class ConnectionFailed(TransportError):
    """The connection could not be made or broke before a complete answer."""


class RequestTimeout(TransportError, TimeoutError):
    """The connect or read timeout expired."""


# -- HTTP statuses -------------------------------------------------------------------------------


class HttpError(PkgcloudError):
    """A service answered with an error status.

    Carries ``method``, ``url`` (redacted), ``status``, ``message`` (the service's own words),
    ``error_type`` (the service's own name for the error: Neutron's ``IpAddressGenerationFailure``, Heat's
    ``StackValidationFailed``, Nova's ``conflictingRequest``...), ``request_id``
    (``x-openstack-request-id``, ``x-trans-id``, ...) and ``details`` (the parsed body, redacted).
    """

    status: int = 0

    def __init__(
        self,
        *,
        method: str,
        url: str,
        status: int,
        message: str,
        request_id: str | None = None,
        details: Any = None,
        headers: dict[str, str] | None = None,
        error_type: str | None = None,
    ) -> None:
        self.method = method
        self.url = url
        self.status = status
        self.message = message
        self.request_id = request_id
        self.details = details
        self.headers = headers or {}
        self.error_type = error_type
        text = f"{method} {url} returned {status}"
        if error_type:
            text += f" {error_type}"
        if message:
            text += f": {message}"
        if request_id:
            text += f" (request id {request_id})"
        super().__init__(text)


class ClientError(HttpError):
    """A 4xx status without a more specific class."""


class BadRequest(ClientError):
    status = 400


class Unauthorized(ClientError):
    status = 401


class Forbidden(ClientError):
    status = 403


class NotFound(ClientError):
    status = 404


class MethodNotAllowed(ClientError):
    status = 405


class Conflict(ClientError):
    status = 409


class PreconditionFailed(ClientError):
    """412: a conditional request (``If-Match``, ``If-None-Match``) did not hold."""

    status = 412


class RequestEntityTooLarge(ClientError):
    status = 413


class UnprocessableEntity(ClientError):
    """422: for Swift, the body did not match the ETag that was sent with it."""

    status = 422


class RateLimited(ClientError):
    """429, or a 413 that says when to retry (Rackspace's rate limits): too many requests for now;
    ``retry_after`` is the wait the service asked for, in seconds. (A 413 without a retry header is
    an absolute limit: :class:`RequestEntityTooLarge`.)"""

    status = 429

    @property
    def retry_after(self) -> float | None:
        from pkgcloud.http import retry_after

        return retry_after(self.headers)


class ServerError(HttpError):
    """A 5xx status."""


class ServiceUnavailable(ServerError):
    status = 503


_BY_STATUS: dict[int, type[HttpError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    409: Conflict,
    412: PreconditionFailed,
    413: RequestEntityTooLarge,
    422: UnprocessableEntity,
    429: RateLimited,
    503: ServiceUnavailable,
}


def error_class_for(status: int) -> type[HttpError]:
    """The exception class for an HTTP error status."""
    cls = _BY_STATUS.get(status)
    if cls is not None:
        return cls
    if 400 <= status < 500:
        return ClientError
    if status >= 500:
        return ServerError
    return HttpError


class MalformedResponse(PkgcloudError):
    """A service answered with a success status but a body the SDK cannot read: truncated or non-JSON,
    an HTML page, the wrong top-level key, a list where an object was due, a field of the wrong type.

    Carries ``service``, ``method``, ``url`` (redacted) and ``reason``; the body itself is not kept (it
    may hold secrets)."""

    def __init__(self, reason: str, *, service: str = "", method: str = "", url: str = "") -> None:
        self.service = service
        self.method = method
        self.url = url
        self.reason = reason
        where = " ".join(p for p in (method, url) if p)
        who = f"the {service} service" if service else "the service"
        super().__init__(
            f"{who} sent an answer the SDK cannot read" + (f" to {where}" if where else "") + f": {reason}"
        )


# -- waiting -------------------------------------------------------------------------------------


class WaitTimeout(PkgcloudError, TimeoutError):
    """A resource did not reach the awaited status in time; ``last`` is the last state seen."""

    def __init__(self, message: str, *, last: Any = None) -> None:
        super().__init__(message)
        self.last = last


class ResourceFailed(PkgcloudError):
    """A resource reached an error status while being waited for; ``fault`` is the service's reason."""

    def __init__(self, message: str, *, resource: Any = None, fault: str | None = None) -> None:
        super().__init__(message)
        self.resource = resource
        self.fault = fault


# -- data integrity ------------------------------------------------------------------------------


class IntegrityError(PkgcloudError):
    """Data did not match its checksum (an upload or download was corrupted or cut short)."""
