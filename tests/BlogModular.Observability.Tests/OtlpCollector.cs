using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlogModular.Observability.Tests;

/// <summary>
/// The receiving end of OTLP/HTTP traces (<c>POST /v1/traces</c>, protobuf), just enough of it to let the tests
/// see the spans that separate host processes export through their real OTLP exporter. Decodes the few fields of
/// opentelemetry-proto's trace.proto the tests look at and skips the rest.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Span> _spans = new();

    private OtlpCollector(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The value for OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces).</summary>
    public Uri Endpoint { get; }

    public IReadOnlyCollection<Span> Spans => _spans;

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = BlogModular.Testing.HostProcess.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var collector = new OtlpCollector(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            foreach (var span in Decode(body.ToArray()))
            {
                collector._spans.Enqueue(span);
            }

            // An empty ExportTraceServiceResponse.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }</summary>
    private static List<Span> Decode(byte[] request)
    {
        var spans = new List<Span>();
        foreach (var (field, resourceSpans) in new Wire(request).LengthDelimited())
        {
            if (field != 1)
            {
                continue;
            }

            // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
            var service = "";
            var scopes = new List<byte[]>();
            foreach (var (f, value) in new Wire(resourceSpans).LengthDelimited())
            {
                if (f == 1)
                {
                    // Resource { repeated KeyValue attributes = 1; }
                    service = Attributes(value, 1).GetValueOrDefault("service.name", "");
                }
                else if (f == 2)
                {
                    scopes.Add(value);
                }
            }

            foreach (var scopeSpans in scopes)
            {
                // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
                var source = "";
                foreach (var (f, value) in new Wire(scopeSpans).LengthDelimited())
                {
                    if (f == 1)
                    {
                        source = new Wire(value).LengthDelimited().Where(x => x.Field == 1).Select(x => Encoding.UTF8.GetString(x.Value)).FirstOrDefault() ?? "";
                    }
                    else if (f == 2)
                    {
                        spans.Add(DecodeSpan(service, source, value));
                    }
                }
            }
        }

        return spans;
    }

    /// <summary>
    /// Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    /// repeated KeyValue attributes = 9; repeated Link links = 13; }, Link { bytes trace_id = 1; bytes span_id = 2; }
    /// </summary>
    private static Span DecodeSpan(string service, string source, byte[] span)
    {
        string trace = "", id = "", name = "";
        string? parent = null;
        var kind = ActivityKind.Internal;
        var links = new List<string>();
        var wire = new Wire(span);
        while (wire.Next() is { } item)
        {
            switch (item.Field)
            {
                case 1: trace = Convert.ToHexStringLower(item.Bytes!); break;
                case 2: id = Convert.ToHexStringLower(item.Bytes!); break;
                case 4 when item.Bytes!.Length > 0: parent = Convert.ToHexStringLower(item.Bytes); break;
                case 5: name = Encoding.UTF8.GetString(item.Bytes!); break;
                // OTLP: 1 internal, 2 server, 3 client, 4 producer, 5 consumer; ActivityKind is that minus one.
                case 6: kind = (ActivityKind)Math.Max(0, (int)item.Number - 1); break;
                case 13:
                    links.AddRange(new Wire(item.Bytes!).LengthDelimited().Where(x => x.Field == 2).Select(x => Convert.ToHexStringLower(x.Value)));
                    break;
            }
        }

        return new Span(service, source, name, kind, trace, id, parent, Attributes(span, 9), links);
    }

    /// <summary>KeyValue { string key = 1; AnyValue value = 2; }, AnyValue { string string_value = 1; bool bool_value = 2; int64 int_value = 3; }</summary>
    private static Dictionary<string, string> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var (f, keyValue) in new Wire(message).LengthDelimited())
        {
            if (f != field)
            {
                continue;
            }

            string? key = null, value = null;
            foreach (var (kf, part) in new Wire(keyValue).LengthDelimited())
            {
                if (kf == 1)
                {
                    key = Encoding.UTF8.GetString(part);
                }
                else if (kf == 2)
                {
                    var any = new Wire(part).Next();
                    value = any switch
                    {
                        { Field: 1, Bytes: { } text } => Encoding.UTF8.GetString(text),
                        { Field: 2 or 3 } number => number.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => null,
                    };
                }
            }

            if (key is not null && value is not null)
            {
                attributes[key] = value;
            }
        }

        return attributes;
    }

    /// <summary>The protobuf wire format: varints, fixed 32/64-bit numbers and length-delimited bytes.</summary>
    private sealed class Wire(byte[] buffer)
    {
        private int _position;

        public record struct Item(int Field, ulong Number, byte[]? Bytes);

        public IEnumerable<(int Field, byte[] Value)> LengthDelimited()
        {
            while (Next() is { } item)
            {
                if (item.Bytes is { } bytes)
                {
                    yield return (item.Field, bytes);
                }
            }
        }

        public Item? Next()
        {
            if (_position >= buffer.Length)
            {
                return null;
            }

            var key = Varint();
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    return new Item(field, Varint(), null);
                case 1:
                    _position += 8;
                    return new Item(field, BitConverter.ToUInt64(buffer, _position - 8), null);
                case 2:
                    var length = (int)Varint();
                    _position += length;
                    return new Item(field, 0, buffer[(_position - length).._position]);
                case 5:
                    _position += 4;
                    return new Item(field, BitConverter.ToUInt32(buffer, _position - 4), null);
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {key & 7}.");
            }
        }

        private ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = buffer[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
        }
    }
}
