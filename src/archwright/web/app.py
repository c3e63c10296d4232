"""``archwright serve``: the web page and the HTTP API, thin wrappers over :mod:`archwright.api`.

Pages (work without JavaScript; enhanced by ``/static/app.js``):
  ``GET /`` form · ``POST /documents`` form post → 303 · ``GET /documents/{id}`` the document ·
  ``GET /documents`` recent documents.
API (JSON, error envelope on every error, described at ``/openapi.json``):
  ``POST /v1/documents`` · ``GET /v1/documents`` · ``GET /v1/documents/{id}`` ·
  ``GET /v1/documents/{id}/files/{name}`` · ``GET /v1/documents/{id}/archive.zip``.
"""

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Form, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from pydantic import Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from archwright._version import __version__
from archwright.api import MAX_PROMPT_BYTES
from archwright.errors import InputError
from archwright.models.base import Model
from archwright.web.examples import EXAMPLES
from archwright.web.http import (
    ApiError,
    GuardMiddleware,
    RateLimiter,
    error_response,
)
from archwright.web.service import (
    ARCHIVE_NAME,
    HTML_NAME,
    GenerateOptions,
    build_zip,
    generate_and_store,
    media_type,
    render_report,
)
from archwright.web.store import DocumentSummary, InvalidCursor, Store

log = logging.getLogger("archwright.web")

STATIC_DIR = Path(__file__).resolve().parent / "static"


@dataclass
class Settings:
    data_dir: Path = Path(".archwright")
    database_url: str | None = None
    #: Generations a client may start per minute, and the burst it may spend at once.
    rate_limit_per_minute: int = 30
    rate_limit_burst: int = 10
    #: Whole request body; the prompt itself is capped at MAX_PROMPT_BYTES by the core.
    max_body_bytes: int = 2 * MAX_PROMPT_BYTES
    static_dir: Path = STATIC_DIR
    #: Whether clients may ask for an LLM backend. Off by default: the server's API keys would
    #: pay for every anonymous request, and a model call turns a 0.1 s request into seconds.
    allow_llm: bool = False

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        env = os.environ
        values: dict[str, Any] = {
            "data_dir": Path(env.get("ARCHWRIGHT_DATA_DIR") or ".archwright"),
            "database_url": env.get("ARCHWRIGHT_DATABASE_URL") or None,
        }
        if env.get("ARCHWRIGHT_RATE_LIMIT"):
            values["rate_limit_per_minute"] = int(env["ARCHWRIGHT_RATE_LIMIT"])
        if env.get("ARCHWRIGHT_WEB_LLM"):
            values["allow_llm"] = env["ARCHWRIGHT_WEB_LLM"].strip().lower() in {"1", "true", "yes"}
        if env.get("ARCHWRIGHT_RATE_BURST"):
            values["rate_limit_burst"] = int(env["ARCHWRIGHT_RATE_BURST"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @cached_property
    def mermaid_available(self) -> bool:
        return (self.static_dir / "vendor" / "mermaid.min.js").is_file()


# --------------------------------------------------------------------------- API models
class CreateDocument(Model):
    prompt: str = Field(description="The product description, in plain words.")
    options: GenerateOptions = Field(default_factory=GenerateOptions)


class FileLink(Model):
    name: str
    url: str
    media_type: str


class DocumentLinks(Model):
    self_: str = Field(alias="self")
    html: str
    archive: str


class DocumentOut(Model):
    id: str
    created_at: str
    product_name: str
    verification_passed: bool
    archwright_version: str
    links: DocumentLinks
    files: list[FileLink]


class DocumentWithBody(DocumentOut):
    document: dict[str, Any] = Field(description="architecture.json")


class Pagination(Model):
    next_cursor: str | None
    has_more: bool
    limit: int


class DocumentPage(Model):
    data: list[DocumentOut]
    pagination: Pagination


class ErrorEnvelope(Model):
    error: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    message: str
    request_id: str
    timestamp: str
    details: list[dict[str, Any]]


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"model": ErrorEnvelope} for c in codes}


def _out(s: DocumentSummary) -> DocumentOut:
    base = f"/v1/documents/{s.id}"
    return DocumentOut(
        id=s.id,
        created_at=s.created_at,
        product_name=s.product_name,
        verification_passed=s.verification_passed,
        archwright_version=s.archwright_version,
        links=DocumentLinks(
            self_=base, html=f"/documents/{s.id}", archive=f"{base}/{ARCHIVE_NAME}"
        ),
        files=[
            FileLink(name=n, url=f"{base}/files/{n}", media_type=media_type(n))
            for n in sorted({*s.files, HTML_NAME})
        ],
    )


def _with_body(s: DocumentSummary, document_json: str) -> DocumentWithBody:
    import json

    return DocumentWithBody(**_out(s).model_dump(), document=json.loads(document_json))


def _validation_details(exc: RequestValidationError | ValidationError) -> list[dict[str, Any]]:
    details = []
    for e in exc.errors():
        loc = [str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path")]
        details.append({"field": ".".join(loc) or "body", "issue": e.get("msg", "invalid")})
    return details


# --------------------------------------------------------------------------- app
def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    store = Store.from_settings(settings.database_url, settings.data_dir)
    limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("archwright", "web/templates"),
                PackageLoader("archwright", "render/templates"),
            ]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.globals["mermaid_available"] = settings.mermaid_available
    env.globals["allow_llm"] = settings.allow_llm

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="archwright",
        version=__version__,
        description=(
            "Generate technical architecture documents from product descriptions. Every error "
            "uses one envelope: {error, message, request_id, timestamp, details}. Generation is "
            "rate limited per client (429 with Retry-After); request bodies are capped (413)."
        ),
        docs_url=None,  # Swagger UI would load scripts from a CDN, which the CSP forbids
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.limiter = limiter

    # ------------------------------------------------------------------ errors
    def _wants_html(request: Request) -> bool:
        path = request.url.path
        return not (path.startswith("/v1/") or path == "/v1" or path.startswith("/openapi"))

    def _html_error(request: Request, status: int, message: str, headers=None) -> HTMLResponse:
        body = env.get_template("error.html.j2").render(status=status, message=message)
        return HTMLResponse(body, status_code=status, headers=headers)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        if _wants_html(request):
            return _html_error(request, exc.status, exc.message, exc.headers)
        return error_response(
            request.scope,
            exc.status,
            exc.error,
            exc.message,
            details=exc.details,
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_details(exc)
        if _wants_html(request):
            return _html_error(
                request, 422, "; ".join(f"{d['field']}: {d['issue']}" for d in details)
            )
        return error_response(
            request.scope, 422, "VALIDATION_ERROR", "the request is not valid", details=details
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        codes = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 400: "BAD_REQUEST"}
        code = codes.get(exc.status_code, "HTTP_ERROR")
        message = {404: "no such resource", 405: "method not allowed"}.get(
            exc.status_code, str(exc.detail)
        )
        if _wants_html(request):
            return _html_error(request, exc.status_code, message, exc.headers)
        return error_response(request.scope, exc.status_code, code, message, headers=exc.headers)

    def _crash(scope: Any, exc: BaseException) -> Response:
        rid = scope.get("state", {}).get("request_id", "")
        log.error("request %s failed", rid, exc_info=(type(exc), exc, exc.__traceback__))
        message = f"the server failed; quote request id {rid} when reporting it"
        if _wants_html(Request(scope)):
            return _html_error(Request(scope), 500, message)
        return error_response(scope, 500, "INTERNAL_ERROR", message)

    app.add_middleware(GuardMiddleware, max_body_bytes=settings.max_body_bytes, on_crash=_crash)

    # ------------------------------------------------------------------ shared
    def rate_limit(request: Request, response: Response) -> None:
        key = request.client.host if request.client else "unknown"
        allowed, remaining, retry = limiter.check(key)
        response.headers["X-RateLimit-Limit"] = str(settings.rate_limit_per_minute)
        response.headers["X-RateLimit-Remaining"] = str(remaining)
        if not allowed:
            raise ApiError(
                429,
                "RATE_LIMITED",
                f"too many documents requested; retry in {retry} s",
                details=[{"limit_per_minute": settings.rate_limit_per_minute}],
                headers={"Retry-After": str(retry)},
            )

    def load(doc_id: str) -> tuple[DocumentSummary, str]:
        found = store.get(doc_id)
        if found is None:
            raise ApiError(404, "NOT_FOUND", f"no document with id {doc_id!r}")
        return found

    async def create(prompt: str, options: GenerateOptions) -> DocumentSummary:
        if options.llm and not settings.allow_llm:
            message = (
                "LLM backends are disabled on this server (set ARCHWRIGHT_WEB_LLM=1 to allow "
                "them); leave the option empty for the offline engine"
            )
            raise ApiError(
                422, "LLM_DISABLED", message, details=[{"field": "options.llm", "issue": message}]
            )
        try:
            summary, _ = await run_in_threadpool(generate_and_store, store, prompt, options)
        except InputError as exc:
            raise ApiError(
                422, "VALIDATION_ERROR", str(exc), details=[{"field": "prompt", "issue": str(exc)}]
            ) from None
        return summary

    def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(
            env.get_template(template).render(**context),
            status_code=status,
        )

    # ------------------------------------------------------------------ API
    @app.post(
        "/v1/documents",
        status_code=201,
        response_model=DocumentWithBody,
        responses=_errors(413, 422, 429),
        tags=["documents"],
        summary="Generate and store a document",
    )
    async def create_document(
        body: CreateDocument, response: Response, _: Annotated[None, Depends(rate_limit)]
    ) -> DocumentWithBody:
        summary = await create(body.prompt, body.options)
        response.headers["Location"] = f"/v1/documents/{summary.id}"
        found = await run_in_threadpool(load, summary.id)
        return _with_body(*found)

    @app.get(
        "/v1/documents",
        response_model=DocumentPage,
        responses=_errors(400, 422),
        tags=["documents"],
        summary="List stored documents, newest first (cursor pagination)",
    )
    async def list_documents(
        cursor: Annotated[str | None, Query(max_length=200)] = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> DocumentPage:
        try:
            result = await run_in_threadpool(store.list, limit=limit, cursor=cursor)
        except InvalidCursor as exc:
            raise ApiError(
                400, "INVALID_CURSOR", str(exc), details=[{"field": "cursor", "issue": str(exc)}]
            ) from None
        return DocumentPage(
            data=[_out(s) for s in result.items],
            pagination=Pagination(
                next_cursor=result.next_cursor, has_more=result.next_cursor is not None, limit=limit
            ),
        )

    @app.get(
        "/v1/documents/{doc_id}",
        response_model=DocumentWithBody,
        responses=_errors(404),
        tags=["documents"],
        summary="One document with its architecture JSON",
    )
    async def get_document(doc_id: str) -> DocumentWithBody:
        return _with_body(*await run_in_threadpool(load, doc_id))

    @app.get(
        "/v1/documents/{doc_id}/files/{name:path}",
        responses={**_errors(404), 200: {"content": {"text/plain": {}}}},
        response_class=Response,
        tags=["documents"],
        summary="One generated file (architecture.md, openapi.yaml, schema.sql, …)",
    )
    async def get_file(doc_id: str, name: str) -> Response:
        text = await run_in_threadpool(store.get_file, doc_id, name)
        if text is None and name == HTML_NAME:
            _, document_json = await run_in_threadpool(load, doc_id)
            text = await run_in_threadpool(render_report, document_json)
        if text is None:
            await run_in_threadpool(load, doc_id)
            raise ApiError(404, "NOT_FOUND", f"document {doc_id!r} has no file {name!r}")
        filename = name.rsplit("/", 1)[-1].replace('"', "")
        return Response(
            text.encode("utf-8"),
            media_type=media_type(name),
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    @app.get(
        f"/v1/documents/{{doc_id}}/{ARCHIVE_NAME}",
        responses={**_errors(404), 200: {"content": {"application/zip": {}}}},
        response_class=Response,
        tags=["documents"],
        summary="Every generated file in one zip",
    )
    async def get_archive(doc_id: str) -> Response:
        _, document_json = await run_in_threadpool(load, doc_id)
        files = await run_in_threadpool(store.get_files, doc_id)
        if HTML_NAME not in files:
            report = await run_in_threadpool(render_report, document_json)
            if report is not None:
                files[HTML_NAME] = report
        return Response(
            build_zip(files),
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{ARCHIVE_NAME}"'},
        )

    @app.get("/healthz", tags=["ops"], summary="Liveness and schema version")
    async def healthz() -> dict[str, Any]:
        version = await run_in_threadpool(store.schema_version)
        return {"status": "ok", "schema_version": version, "store": store.dialect}

    # ------------------------------------------------------------------ pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(example: Annotated[int | None, Query(ge=1, le=len(EXAMPLES))] = None):
        prompt = EXAMPLES[example - 1].prompt if example else ""
        return page("index.html.j2", examples=EXAMPLES, prompt=prompt, llm="", sets="", error=None)

    @app.post("/documents", include_in_schema=False)
    async def submit_form(
        request: Request,
        response: Response,
        _: Annotated[None, Depends(rate_limit)],
        prompt: Annotated[str, Form()] = "",
        llm: Annotated[str, Form()] = "",
        sets: Annotated[str, Form()] = "",
    ) -> Response:
        from archwright.cli import parse_sets

        try:
            overrides = parse_sets([ln for ln in sets.splitlines() if ln.strip()])
            options = GenerateOptions(llm=llm.strip() or None, set=overrides)
            summary = await create(prompt, options)
        except (InputError, ValidationError, ApiError) as exc:
            message = exc.message if isinstance(exc, ApiError) else str(exc)
            return page(
                "index.html.j2",
                status=422,
                examples=EXAMPLES,
                prompt=prompt,
                llm=llm,
                sets=sets,
                error=message,
            )
        return RedirectResponse(f"/documents/{summary.id}", status_code=303)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    async def recent(cursor: Annotated[str | None, Query(max_length=200)] = None):
        try:
            result = await run_in_threadpool(store.list, limit=50, cursor=cursor)
        except InvalidCursor as exc:
            raise ApiError(400, "INVALID_CURSOR", str(exc)) from None
        return page("list.html.j2", items=result.items, next_cursor=result.next_cursor)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    async def show(doc_id: str):
        from archwright.models.document import ArchitectureDocument
        from archwright.render.html import MERMAID_MISSING, build_view

        summary, document_json = await run_in_threadpool(load, doc_id)
        out = _out(summary)
        downloads = [(f.name, f.url) for f in out.files]
        downloads.append((f"{ARCHIVE_NAME} (all files)", out.links.archive))
        try:
            doc = ArchitectureDocument.model_validate_json(document_json)
        except ValidationError:
            # stored by another archwright version whose model differs: files still download
            return page("stale.html.j2", summary=summary, downloads=downloads)
        view = await run_in_threadpool(build_view, doc)
        return page(
            "document.html.j2",
            view=view,
            downloads=downloads,
            doc_id=doc_id,
            mermaid_missing=bool(view.diagrams) and not settings.mermaid_available,
            missing_message=MERMAID_MISSING,
        )

    @app.get("/static/report.css", include_in_schema=False)
    async def report_css() -> Response:
        from archwright.render.html import asset

        return Response(asset("report.css"), media_type="text/css; charset=utf-8")

    @app.get("/static/diagrams.js", include_in_schema=False)
    async def diagrams_js() -> Response:
        from archwright.render.html import asset

        return Response(asset("diagrams.js"), media_type="text/javascript; charset=utf-8")

    app.mount("/static", StaticFiles(directory=settings.static_dir, check_dir=False), name="static")

    return app


def serve(host: str, port: int, settings: Settings | None = None) -> None:
    import uvicorn

    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        proxy_headers=False,  # the rate limiter keys on the peer address; do not trust headers
        server_header=False,
    )
