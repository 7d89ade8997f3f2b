namespace Sift.Sandbox;

/// <summary>
/// The Python program that runs inside the sandbox: it loads <c>solution.py</c>, calls the entry point
/// once per input of <c>tests.json</c> and reports each return value (or the exception) on its own line
/// of a private copy of stdout, prefixed <c>@@sift </c>. The user's own prints go to stderr. The harness
/// never sees the expected values: the caller compares, so code that forges report lines or reads the
/// harness's memory gains nothing it could not get by computing the answers.
/// </summary>
internal static class PythonHarness
{
    public const string FileName = "harness.py";
    public const string SolutionFile = "solution.py";
    public const string InputsFile = "tests.json";
    public const string LinePrefix = "@@sift ";

    public const string Source = """
        import json, os, sys

        def describe(error):
            try:
                text = str(error)
            except BaseException:
                text = ""
            name = type(error).__name__
            return (name + ": " + text if text else name)[:300]

        def main():
            proto = os.fdopen(os.dup(1), "w", encoding="utf-8")
            os.dup2(2, 1)

            def emit(record):
                proto.write("@@sift " + json.dumps(record, ensure_ascii=True) + "\n")
                proto.flush()

            with open("tests.json", encoding="utf-8") as handle:
                spec = json.load(handle)
            namespace = {"__name__": "solution"}
            try:
                with open("solution.py", encoding="utf-8") as handle:
                    source = handle.read()
                exec(compile(source, "solution.py", "exec"), namespace)
            except MemoryError:
                emit({"load": "memory"})
                return
            except BaseException as error:
                emit({"load": "error", "detail": describe(error)})
                return
            function = namespace.get(spec["entry"])
            if not callable(function):
                emit({"load": "error", "detail": "no function named " + spec["entry"]})
                return
            emit({"load": "ok"})
            for index, args in enumerate(spec["inputs"]):
                try:
                    text = json.dumps(function(*args), ensure_ascii=True, allow_nan=False)
                except MemoryError:
                    emit({"i": index, "kind": "memory"})
                    continue
                except BaseException as error:
                    emit({"i": index, "kind": "error", "detail": describe(error)})
                    continue
                proto.write('@@sift {"i": %d, "value": %s}\n' % (index, text))
                proto.flush()
            emit({"done": True})

        main()
        """;
}
