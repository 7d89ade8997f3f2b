using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sift.Tests.Reports;

/// <summary>
/// A headless Chromium driven directly over the Chrome DevTools Protocol (no NuGet package): the
/// browser is started with <c>--remote-debugging-port=0</c>, the "DevTools listening on ws://…"
/// line of its stderr gives the endpoint, a page target is created and attached (flat session),
/// and Runtime/Log events are collected as console errors. Every call is time-limited, and
/// <see cref="DisposeAsync"/> kills the browser and deletes its profile, so a test never hangs or
/// leaks a process.
/// </summary>
internal sealed partial class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profileDir;
    private readonly ClientWebSocket _socket = new();
    private readonly List<JsonObject> _events = [];
    private readonly TimeSpan _timeout;
    private string? _sessionId;
    private int _nextId;

    private HeadlessChromium(Process process, string profileDir, TimeSpan timeout)
    {
        _process = process;
        _profileDir = profileDir;
        _timeout = timeout;
    }

    /// <summary>Console errors, uncaught exceptions and error log entries (blocked loads, CSP violations) of the page.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>$SIFT_CHROMIUM, /usr/bin/chromium or /usr/bin/chromium-browser, whichever exists first; null when none does.</summary>
    public static string? FindExecutable()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("SIFT_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }

    /// <summary>Starts the browser and connects to it; <paramref name="timeout"/> bounds every later call too.</summary>
    public static async Task<HeadlessChromium> LaunchAsync(string executable, TimeSpan timeout)
    {
        var profile = Path.Combine(Path.GetTempPath(), "sift-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--mute-audio", "--hide-scrollbars",
            "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1000,800", "about:blank",
        })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
        var browser = new HeadlessChromium(process, profile, timeout);
        try
        {
            var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var stderr = new StringBuilder();
            // Both pipes are drained for the browser's whole life: a full pipe would block it.
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    endpoint.TrySetException(new InvalidOperationException($"{executable} exited before opening DevTools: {stderr}"));
                    return;
                }
                lock (stderr) stderr.AppendLine(e.Data);
                if (DevToolsLine().Match(e.Data) is { Success: true } m) endpoint.TrySetResult(m.Groups[1].Value);
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            using var cts = new CancellationTokenSource(timeout);
            var url = await endpoint.Task.WaitAsync(cts.Token);
            await browser._socket.ConnectAsync(new Uri(url), cts.Token);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> in a fresh page and waits for its load event.</summary>
    public async Task OpenAsync(string url)
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, session: false);
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }, session: false);
        _sessionId = attached["sessionId"]!.GetValue<string>();
        await SendAsync("Page.enable");
        await SendAsync("Runtime.enable");
        await SendAsync("Log.enable");
        _events.Clear();
        var nav = await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        if (nav["errorText"] is { } err) throw new InvalidOperationException($"navigation to {url} failed: {err}");
        await WaitForEventAsync("Page.loadEventFired");
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its value (JSON).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is { } ex) throw new InvalidOperationException($"evaluation failed: {ex.ToJsonString()}");
        return result["result"]?["value"];
    }

    /// <summary>A PNG of the whole page at <paramref name="width"/> CSS pixels (height capped at <paramref name="maxHeight"/>).</summary>
    public async Task<byte[]> ScreenshotAsync(int width = 1000, int maxHeight = 16000)
    {
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = 800, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        var height = (await EvaluateAsync("document.documentElement.scrollHeight"))?.GetValue<double>() ?? 800;
        int h = (int)Math.Min(maxHeight, Math.Ceiling(height));
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = h, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String(shot["data"]!.GetValue<string>());
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null, bool session = true)
    {
        int id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (session && _sessionId is not null) message["sessionId"] = _sessionId;
        using var cts = new CancellationTokenSource(_timeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cts.Token);
        while (true)
        {
            var reply = await ReceiveAsync(cts.Token);
            if (reply["id"]?.GetValue<int>() == id)
            {
                if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
                return reply["result"] as JsonObject ?? [];
            }
        }
    }

    private async Task WaitForEventAsync(string method)
    {
        using var cts = new CancellationTokenSource(_timeout);
        while (!_events.Any(e => e["method"]?.GetValue<string>() == method)) await ReceiveAsync(cts.Token);
    }

    // Reads one whole message; events are recorded (and errors collected) on the way.
    private async Task<JsonObject> ReceiveAsync(CancellationToken token)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        WebSocketReceiveResult r;
        do
        {
            r = await _socket.ReceiveAsync(chunk, token);
            if (r.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("the browser closed the DevTools connection");
            buffer.Write(chunk, 0, r.Count);
        }
        while (!r.EndOfMessage);
        var message = JsonNode.Parse(buffer.ToArray()) as JsonObject ?? throw new InvalidOperationException("DevTools sent a non-object message");
        if (message["method"] is not null)
        {
            _events.Add(message);
            CollectError(message);
        }
        return message;
    }

    private void CollectError(JsonObject e)
    {
        var p = e["params"];
        string method = e["method"]!.GetValue<string>();
        if (method == "Runtime.consoleAPICalled" && p?["type"]?.GetValue<string>() is "error" or "assert")
        {
            var args = (p["args"] as JsonArray) ?? [];
            Errors.Add("console: " + string.Join(" ", args.Select(a => (a?["value"] ?? a?["description"])?.ToString() ?? "")));
        }
        else if (method == "Runtime.exceptionThrown")
        {
            var details = p?["exceptionDetails"];
            Errors.Add("exception: " + (details?["exception"]?["description"] ?? details?["text"])?.ToString());
        }
        else if (method == "Log.entryAdded" && p?["entry"]?["level"]?.GetValue<string>() == "error")
        {
            Errors.Add("log: " + p["entry"]?["text"]?.ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException)
                {
                    // The browser is killed next anyway.
                }
            }
            _socket.Dispose();
        }
        finally
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _process.Dispose();
            try
            {
                Directory.Delete(_profileDir, recursive: true);
            }
            catch (IOException)
            {
                // A child still closing a file; the temp folder is cleaned by the OS eventually.
            }
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
