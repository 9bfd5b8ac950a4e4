"""The `$schema` line of new term files works in the real yaml-language-server (VS Code's YAML
extension), wherever the terms live. Needs Node and npm (the registry gives the server); skipped
without them: users and the other tests need no Node."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

SERVER_VERSION = "1.25.0"
pytestmark = pytest.mark.skipif(
    shutil.which("npm") is None or shutil.which("node") is None, reason="needs Node and npm"
)


class LanguageServer:
    """A minimal LSP client over stdio: enough to open documents and read diagnostics."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.settings = {"validate": True, "schemaStore": {"enable": False}}
        self.send(
            {
                "id": 1,
                "method": "initialize",
                "params": {
                    "processId": None,
                    "rootUri": root.as_uri(),
                    "capabilities": {"workspace": {"configuration": True}},
                },
            }
        )
        assert self.wait(lambda m: m.get("id") == 1) is not None, "no initialize answer"
        self.send({"method": "initialized", "params": {}})
        self.send(
            {
                "method": "workspace/didChangeConfiguration",
                "params": {"settings": {"yaml": self.settings}},
            }
        )

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        self.reader.join(timeout=5)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            headers = {}
            while line := stdout.readline().decode().strip():
                key, _, value = line.partition(": ")
                headers[key] = value
            if "Content-Length" not in headers:
                return
            self.messages.put(json.loads(stdout.read(int(headers["Content-Length"]))))

    def send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()

    def wait(self, wanted: Callable[[dict[str, Any]], bool], seconds: float = 30) -> Any:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=0.5)
            except queue.Empty:
                continue
            if "id" in message and "method" in message:  # a request to us: answer it
                items = message.get("params", {}).get("items", [])
                result = [self.settings] * len(items) if items else None
                self.send({"id": message["id"], "result": result})
            elif wanted(message):
                return message
        return None

    def diagnostics(self, path: Path) -> list[dict[str, Any]]:
        uri = path.resolve().as_uri()
        self.send(
            {
                "method": "textDocument/didOpen",
                "params": {
                    "textDocument": {
                        "uri": uri,
                        "languageId": "yaml",
                        "version": 1,
                        "text": path.read_text("utf-8"),
                    }
                },
            }
        )
        found = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        assert found is not None, f"no diagnostics for {path}"
        diagnostics: list[dict[str, Any]] = found["params"]["diagnostics"]
        return diagnostics


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LanguageServer]:
    folder = tmp_path_factory.mktemp("yaml-language-server")
    subprocess.run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            f"yaml-language-server@{SERVER_VERSION}",
        ],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    root = tmp_path_factory.mktemp("workspace")
    script = folder / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    language_server = LanguageServer(["node", str(script), "--stdio"], root)
    language_server.root = root  # type: ignore[attr-defined]
    yield language_server
    language_server.close()


def glossary(*args: str, cwd: Path) -> None:
    subprocess.run(["glossary", *args], cwd=cwd, check=True, capture_output=True)


def test_init_terms_validate_and_errors_show(server: LanguageServer) -> None:
    repo: Path = server.root / "team"  # type: ignore[attr-defined]
    glossary("init", str(repo), cwd=server.root)  # type: ignore[attr-defined]
    assert server.diagnostics(repo / "terms" / "glossary.yaml") == []
    bad = repo / "terms" / "bad.yaml"
    first = (repo / "terms" / "term.yaml").read_text("utf-8").splitlines()[0]
    bad.write_text(f"{first}\ntitle: Bad\nsumary: typo\n", "utf-8")
    messages = [d["message"] for d in server.diagnostics(bad)]
    assert 'Missing property "summary".' in messages
    assert any("sumary" in m for m in messages), messages


def test_new_term_in_another_folder_names_a_schema_that_resolves(server: LanguageServer) -> None:
    repo: Path = server.root / "nested"  # type: ignore[attr-defined]
    (repo / "content" / "words").mkdir(parents=True)
    (repo / "mkdocs.yml").write_text(
        "site_name: N\ntheme: material\nplugins:\n  - glossary:\n      terms_dir: content/words\n",
        "utf-8",
    )
    glossary("new", "Alpha", cwd=repo)
    new_file = repo / "content" / "words" / "alpha.yaml"
    assert (repo / "content" / "words" / "term.schema.json").is_file()
    found = server.diagnostics(new_file)  # the template's empty fields are still to fill
    schema_uri = (repo / "content" / "words" / "term.schema.json").resolve().as_uri()
    assert found and all(d["data"]["schemaUri"] == [schema_uri] for d in found), found
    assert 'String does not match the pattern of "\\S".' in [d["message"] for d in found]
