using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace BlogModular.DevTools;

/// <summary>
/// In-process Kafka broker for development and tests: librdkafka's mock cluster, which speaks the
/// real Kafka wire protocol on random 127.0.0.1 ports. State is in memory only. The mock does not
/// implement CreateTopics, so topics must be created with <see cref="CreateTopic"/> and Kafka
/// endpoints must not auto-provision. What it supports and its traps: docs/adr/0002-embedded-kafka-broker.md.
/// </summary>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    private const int RdKafkaProducer = 0; // rd_kafka_type_t RD_KAFKA_PRODUCER
    private const int AllBrokers = -1;     // 'all brokers' for set_down/set_up (rdkafka_mock.h, 2.15)

    private readonly Lock _gate = new();
    private nint _rk;       // rd_kafka_t* that owns the cluster (needed only for bookkeeping)
    private nint _cluster;  // rd_kafka_mock_cluster_t*

    private EmbeddedKafkaBroker(nint rk, nint cluster, string bootstrapServers)
    {
        _rk = rk;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated host:port list of the mock brokers.</summary>
    public string BootstrapServers { get; }

    public static unsafe EmbeddedKafkaBroker Start(int brokerCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        var api = Native.Api;

        var errstr = stackalloc byte[512];
        var conf = api.ConfNew();
        // This handle never connects anywhere; hide its "No `bootstrap.servers` configured" notice.
        fixed (byte* name = "log_level\0"u8, value = "4\0"u8)
        {
            _ = api.ConfSet(conf, name, value, errstr, 512);
        }

        // rd_kafka_new takes ownership of conf only on success.
        var rk = api.New(RdKafkaProducer, conf, errstr, 512);
        if (rk == 0)
        {
            api.ConfDestroy(conf);
            throw new InvalidOperationException(
                $"rd_kafka_new failed: {Marshal.PtrToStringUTF8((nint)errstr)}");
        }

        var cluster = api.MockClusterNew(rk, brokerCount);
        if (cluster == 0)
        {
            api.Destroy(rk);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new returned NULL.");
        }

        // Joining an empty group would otherwise wait the broker default (3 s) before assigning.
        api.MockGroupInitialRebalanceDelayMs(cluster, 0);
        // The returned string is owned by the cluster; copy it now.
        var bootstraps = Marshal.PtrToStringUTF8(api.MockClusterBootstraps(cluster)) ?? "";
        return new EmbeddedKafkaBroker(rk, cluster, bootstraps);
    }

    public unsafe void CreateTopic(string topic, int partitions)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var name = Encoding.UTF8.GetBytes(topic + '\0');
        int err;
        lock (_gate)
        {
            fixed (byte* p = name)
            {
                err = Native.Api.MockTopicCreate(Cluster, p, partitions, 1);
            }
        }

        ThrowIfError(err, $"creating topic '{topic}'");
    }

    /// <summary>Closes every broker's connections and refuses new ones (ports are kept).</summary>
    public unsafe void SetDown()
    {
        lock (_gate)
        {
            ThrowIfError(Native.Api.MockBrokerSetDown(Cluster, AllBrokers), "setting brokers down");
        }
    }

    /// <summary>Makes every broker accept connections again on the same ports.</summary>
    public unsafe void SetUp()
    {
        lock (_gate)
        {
            ThrowIfError(Native.Api.MockBrokerSetUp(Cluster, AllBrokers), "setting brokers up");
        }
    }

    /// <summary>Broker setting group.initial.rebalance.delay.ms (0 after <see cref="Start"/>).</summary>
    public unsafe void SetInitialRebalanceDelay(int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        lock (_gate)
        {
            Native.Api.MockGroupInitialRebalanceDelayMs(Cluster, milliseconds);
        }
    }

    public unsafe void Dispose()
    {
        lock (_gate)
        {
            if (_cluster == 0)
            {
                return;
            }

            // The cluster lives on the rd_kafka_t, so it must go first.
            Native.Api.MockClusterDestroy(_cluster);
            Native.Api.Destroy(_rk);
            _cluster = 0;
            _rk = 0;
        }
    }

    private nint Cluster
    {
        get
        {
            ObjectDisposedException.ThrowIf(_cluster == 0, this);
            return _cluster;
        }
    }

    private static void ThrowIfError(int err, string what)
    {
        if (err != 0)
        {
            throw new KafkaException(new Error((ErrorCode)err, $"Embedded Kafka: {what} failed ({(ErrorCode)err})."));
        }
    }

    /// <summary>
    /// Function pointers into the very librdkafka that Confluent.Kafka loaded. A plain
    /// DllImport("librdkafka") would resolve the bundled librdkafka.so, which on Debian 12 fails
    /// (missing libsasl2.so.3); Confluent.Kafka then silently falls back to centos8-librdkafka.so.
    /// </summary>
    private sealed unsafe class Native
    {
        private static readonly Lazy<Native> Instance = new(() => new Native(LoadLibrdkafka()));

        public static Native Api => Instance.Value;

        public readonly delegate* unmanaged[Cdecl]<nint> ConfNew;
        public readonly delegate* unmanaged[Cdecl]<nint, void> ConfDestroy;
        public readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nuint, int> ConfSet;
        public readonly delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint> New;
        public readonly delegate* unmanaged[Cdecl]<nint, void> Destroy;
        public readonly delegate* unmanaged[Cdecl]<nint, int, nint> MockClusterNew;
        public readonly delegate* unmanaged[Cdecl]<nint, void> MockClusterDestroy;
        public readonly delegate* unmanaged[Cdecl]<nint, nint> MockClusterBootstraps;
        public readonly delegate* unmanaged[Cdecl]<nint, byte*, int, int, int> MockTopicCreate;
        public readonly delegate* unmanaged[Cdecl]<nint, int, int> MockBrokerSetDown;
        public readonly delegate* unmanaged[Cdecl]<nint, int, int> MockBrokerSetUp;
        public readonly delegate* unmanaged[Cdecl]<nint, int, void> MockGroupInitialRebalanceDelayMs;

        private Native(nint lib)
        {
            ConfNew = (delegate* unmanaged[Cdecl]<nint>)NativeLibrary.GetExport(lib, "rd_kafka_conf_new");
            ConfDestroy = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(lib, "rd_kafka_conf_destroy");
            ConfSet = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nuint, int>)NativeLibrary.GetExport(lib, "rd_kafka_conf_set");
            New = (delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint>)NativeLibrary.GetExport(lib, "rd_kafka_new");
            Destroy = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(lib, "rd_kafka_destroy");
            MockClusterNew = (delegate* unmanaged[Cdecl]<nint, int, nint>)NativeLibrary.GetExport(lib, "rd_kafka_mock_cluster_new");
            MockClusterDestroy = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(lib, "rd_kafka_mock_cluster_destroy");
            MockClusterBootstraps = (delegate* unmanaged[Cdecl]<nint, nint>)NativeLibrary.GetExport(lib, "rd_kafka_mock_cluster_bootstraps");
            MockTopicCreate = (delegate* unmanaged[Cdecl]<nint, byte*, int, int, int>)NativeLibrary.GetExport(lib, "rd_kafka_mock_topic_create");
            MockBrokerSetDown = (delegate* unmanaged[Cdecl]<nint, int, int>)NativeLibrary.GetExport(lib, "rd_kafka_mock_broker_set_down");
            MockBrokerSetUp = (delegate* unmanaged[Cdecl]<nint, int, int>)NativeLibrary.GetExport(lib, "rd_kafka_mock_broker_set_up");
            MockGroupInitialRebalanceDelayMs = (delegate* unmanaged[Cdecl]<nint, int, void>)NativeLibrary.GetExport(lib, "rd_kafka_mock_group_initial_rebalance_delay_ms");
        }

        private static nint LoadLibrdkafka()
        {
            // Lets Confluent.Kafka pick (and, if needed, fall back to) the native build it can load.
            Library.Load();

            // Linux: reuse exactly the file that is now mapped into this process.
            const string maps = "/proc/self/maps";
            if (File.Exists(maps))
            {
                foreach (var line in File.ReadLines(maps))
                {
                    var slash = line.IndexOf('/', StringComparison.Ordinal);
                    if (slash >= 0 && line.Contains("librdkafka", StringComparison.Ordinal))
                    {
                        return NativeLibrary.Load(line[slash..]);
                    }
                }
            }

            // Elsewhere (Windows, macOS) the default probing finds the same runtimes/ asset.
            return NativeLibrary.Load("librdkafka", typeof(Library).Assembly, null);
        }
    }
}
