"""Which function does the work of which kind of job. Apps register their handlers in ready()."""

_handlers = {}


def register(kind):
    """Decorator: `handler(*, report_progress, **arguments) -> dict` does the work of `kind`."""

    def decorator(handler):
        _handlers[kind] = handler
        return handler

    return decorator


def handler_for(kind):
    return _handlers[kind]
