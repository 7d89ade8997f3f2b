using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sift.Model;

/// <summary>
/// config.json and generation_config.json ⇄ <see cref="ModelConfig"/> / <see cref="GenerationConfig"/>,
/// per model type with the field names and defaults of transformers' configuration_llama.py,
/// configuration_mistral.py, configuration_qwen2.py, configuration_qwen3.py and configuration_gpt2.py.
/// Fields a model type does not use are refused when they change the math (rope_scaling types,
/// activations, GPT-2 attention switches) and otherwise kept verbatim in <c>ExtraJson</c>.
/// </summary>
internal static class ModelConfigJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ModelConfig Read(string json, string source)
    {
        var r = new Fields(Parse(json, source), source);
        string modelType = r.String("model_type") ?? "llama";
        r.Own("architectures", "torch_dtype", "dtype");
        var config = modelType switch
        {
            "llama" or "mistral" or "qwen2" or "qwen3" => ReadLlamaLike(r, modelType),
            "sift_gpt2" => ReadSiftGpt2(r),
            "gpt2" => ReadHfGpt2(r),
            _ => throw new InvalidDataException($"{source}: field 'model_type' is '{modelType}'; Sift implements llama (and llama-shaped models such as SmolLM2), mistral, qwen2, qwen3, gpt2 and sift_gpt2"),
        };
        var eos = r.IntList("eos_token_id");
        config = config with
        {
            BosTokenId = r.IntOrNull("bos_token_id") ?? (config.Family == ModelFamily.Gpt2 && modelType == "gpt2" ? 50256 : 1),
            EosTokenId = eos is { Count: > 0 } ? eos[0] : (modelType == "gpt2" ? 50256 : 2),
            PadTokenId = r.IntOrNull("pad_token_id"),
            TorchDtype = r.String("torch_dtype") ?? r.String("dtype") ?? "float32",
        };
        if (eos is { Count: > 1 }) config = config with { EosTokenIds = eos };
        config = config with { ExtraJson = r.Extras() };
        try
        {
            config.Validate();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
        return config;
    }

    private static ModelConfig ReadLlamaLike(Fields r, string modelType)
    {
        int heads = r.Int("num_attention_heads");
        string act = r.String("hidden_act") ?? "silu";
        if (act != "silu") throw new InvalidDataException($"{r.Source}: field 'hidden_act' is '{act}'; the {modelType} MLP Sift implements is SwiGLU with silu");
        bool attentionBias = modelType switch
        {
            "qwen2" => true, // modeling_qwen2.py: q/k/v always have biases, o_proj never
            "llama" or "qwen3" => r.Bool("attention_bias", false),
            _ => false,
        };
        // transformers' default rope (any model type) rotates only partial_rotary_factor of each head.
        if (r.Peek("partial_rotary_factor") is JsonValue prf && prf.TryGetValue(out double partial) && partial != 1.0)
        {
            throw new InvalidDataException($"{r.Source}: field 'partial_rotary_factor' is {partial}; Sift rotates whole heads (1.0)");
        }
        var config = new ModelConfig
        {
            Family = ModelFamily.Llama,
            ModelType = modelType,
            HiddenSize = r.Int("hidden_size"),
            IntermediateSize = r.Int("intermediate_size"),
            NumHiddenLayers = r.Int("num_hidden_layers"),
            NumAttentionHeads = heads,
            NumKeyValueHeads = r.Int("num_key_value_heads", heads),
            VocabSize = r.Int("vocab_size"),
            MaxPositionEmbeddings = r.Int("max_position_embeddings"),
            RmsNormEps = r.Double("rms_norm_eps", 1e-6),
            TieWordEmbeddings = r.Bool("tie_word_embeddings", false),
            AttentionBias = attentionBias,
            AttentionOutputBias = attentionBias && modelType != "qwen2",
            MlpBias = modelType == "llama" && r.Bool("mlp_bias", false),
            QkNorm = modelType == "qwen3",
        };
        if (r.IntOrNull("head_dim") is int headDim) config = config with { HeadDim = headDim };
        var (theta, scaling) = ReadRope(r);
        config = config with { RopeTheta = theta, RopeScaling = scaling };
        if (modelType != "llama")
        {
            // configuration_mistral/qwen2/qwen3.py default sliding_window to 4096 when absent;
            // qwen2/qwen3 apply it only with use_sliding_window.
            int? window = r.Has("sliding_window") ? r.IntOrNull("sliding_window") : 4096;
            bool? use = modelType == "mistral" || !r.Has("use_sliding_window") ? null : r.Bool("use_sliding_window", false);
            config = config with { SlidingWindow = window, UseSlidingWindow = use };
        }
        return config;
    }

    private static (double Theta, RopeScaling? Scaling) ReadRope(Fields r)
    {
        double theta = r.Double("rope_theta", 10000.0);
        JsonNode? scalingNode = r.Node("rope_scaling");
        string field = "rope_scaling";
        // transformers v5 moved both into rope_parameters; it wins when present (and stays in ExtraJson).
        if (r.Peek("rope_parameters") is JsonObject parameters)
        {
            if (parameters["rope_theta"] is JsonValue t && t.TryGetValue(out double pt)) theta = pt;
            scalingNode = parameters;
            field = "rope_parameters";
        }
        if (scalingNode is null) return (theta, null);
        if (scalingNode is not JsonObject s) throw new InvalidDataException($"{r.Source}: field '{field}' must be an object or null, got {scalingNode.ToJsonString()}");
        string type = (s["rope_type"] ?? s["type"])?.GetValue<string>() ?? throw new InvalidDataException($"{r.Source}: field '{field}' has no 'rope_type'");
        double Num(string key)
        {
            var n = s[key] ?? throw new InvalidDataException($"{r.Source}: field '{field}.{key}' is required for rope_type '{type}'");
            try { return n.GetValue<double>(); }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                throw new InvalidDataException($"{r.Source}: field '{field}.{key}' must be a number, got {n.ToJsonString()}", e);
            }
        }
        RopeScaling? scaling = type switch
        {
            "default" => field == "rope_parameters" ? null : new RopeScaling { Type = "default" },
            "linear" or "dynamic" => new RopeScaling { Type = type, Factor = Num("factor") },
            "llama3" => new RopeScaling
            {
                Type = type,
                Factor = Num("factor"),
                LowFreqFactor = Num("low_freq_factor"),
                HighFreqFactor = Num("high_freq_factor"),
                OriginalMaxPositionEmbeddings = checked((int)Num("original_max_position_embeddings")),
            },
            _ => throw new InvalidDataException($"{r.Source}: field '{field}' has rope_type '{type}', which Sift does not implement (it implements default, linear, dynamic and llama3); ignoring it would give wrong logits"),
        };
        // Keep the object verbatim only when it says more (or otherwise) than Sift would write, so a
        // scaling built in code round-trips to an equal config.
        if (scaling is not null && field == "rope_scaling")
        {
            string raw = s.ToJsonString(Compact);
            if (raw != ScalingObject(scaling).ToJsonString(Compact)) scaling = scaling with { Json = raw };
        }
        return (theta, scaling);
    }

    private static ModelConfig ReadSiftGpt2(Fields r)
    {
        int heads = r.Int("num_attention_heads");
        string act = r.String("hidden_act") ?? "gelu_pytorch_tanh";
        if (act is not ("gelu_pytorch_tanh" or "gelu_new")) throw new InvalidDataException($"{r.Source}: field 'hidden_act' is '{act}'; the sift_gpt2 MLP uses the tanh GELU (gelu_pytorch_tanh)");
        return new ModelConfig
        {
            Family = ModelFamily.Gpt2,
            HiddenSize = r.Int("hidden_size"),
            IntermediateSize = r.Int("intermediate_size"),
            NumHiddenLayers = r.Int("num_hidden_layers"),
            NumAttentionHeads = heads,
            NumKeyValueHeads = r.Int("num_key_value_heads", heads),
            VocabSize = r.Int("vocab_size"),
            MaxPositionEmbeddings = r.Int("max_position_embeddings"),
            RmsNormEps = r.Double("layer_norm_epsilon", 1e-5),
            TieWordEmbeddings = r.Bool("tie_word_embeddings", true),
        };
    }

    private static ModelConfig ReadHfGpt2(Fields r)
    {
        // configuration_gpt2.py names and defaults; modeling_gpt2.py switches that change the math are refused.
        string act = r.String("activation_function") ?? "gelu_new";
        if (act is not ("gelu_new" or "gelu_pytorch_tanh")) throw new InvalidDataException($"{r.Source}: field 'activation_function' is '{act}'; Sift's GPT-2 MLP uses the tanh GELU (gelu_new)");
        if (r.Peek("scale_attn_weights") is JsonValue sw && sw.TryGetValue(out bool scale) && !scale) throw new InvalidDataException($"{r.Source}: field 'scale_attn_weights' is false; Sift always scales attention by 1/sqrt(head_dim)");
        if (r.Peek("scale_attn_by_inverse_layer_idx") is JsonValue si && si.TryGetValue(out bool byLayer) && byLayer) throw new InvalidDataException($"{r.Source}: field 'scale_attn_by_inverse_layer_idx' is true, which Sift does not implement");
        if (r.Peek("add_cross_attention") is JsonValue ca && ca.TryGetValue(out bool cross) && cross) throw new InvalidDataException($"{r.Source}: field 'add_cross_attention' is true; Sift runs decoder-only GPT-2");
        int embd = r.Int("n_embd", 768);
        int heads = r.Int("n_head", 12);
        return new ModelConfig
        {
            Family = ModelFamily.Gpt2,
            ModelType = "gpt2",
            HiddenSize = embd,
            IntermediateSize = r.IntOrNull("n_inner") ?? 4 * embd,
            NumHiddenLayers = r.Int("n_layer", 12),
            NumAttentionHeads = heads,
            NumKeyValueHeads = heads,
            VocabSize = r.Int("vocab_size", 50257),
            MaxPositionEmbeddings = r.Int("n_positions", 1024),
            RmsNormEps = r.Double("layer_norm_epsilon", 1e-5),
            TieWordEmbeddings = r.Bool("tie_word_embeddings", true),
        };
    }

    public static string Write(ModelConfig c)
    {
        var o = new JsonObject();
        switch (c.ModelType)
        {
            case "gpt2":
                o["architectures"] = new JsonArray("GPT2LMHeadModel");
                o["model_type"] = "gpt2";
                o["activation_function"] = "gelu_new";
                o["n_embd"] = c.HiddenSize;
                o["n_inner"] = c.IntermediateSize == 4 * c.HiddenSize ? null : c.IntermediateSize;
                o["n_layer"] = c.NumHiddenLayers;
                o["n_head"] = c.NumAttentionHeads;
                o["n_positions"] = c.MaxPositionEmbeddings;
                o["vocab_size"] = c.VocabSize;
                o["layer_norm_epsilon"] = Num(c.RmsNormEps);
                break;
            case "sift_gpt2":
                o["architectures"] = new JsonArray("SiftGpt2ForCausalLM");
                o["model_type"] = "sift_gpt2";
                o["layer_norm_epsilon"] = Num(c.RmsNormEps);
                o["hidden_act"] = "gelu_pytorch_tanh";
                WriteShape(o, c);
                break;
            default:
                string arch = c.ModelType switch { "mistral" => "MistralForCausalLM", "qwen2" => "Qwen2ForCausalLM", "qwen3" => "Qwen3ForCausalLM", _ => "LlamaForCausalLM" };
                o["architectures"] = new JsonArray(arch);
                o["model_type"] = c.ModelType;
                o["rms_norm_eps"] = Num(c.RmsNormEps);
                o["rope_theta"] = Num(c.RopeTheta);
                if (c.RopeScaling is { } s) o["rope_scaling"] = s.Json is not null ? JsonNode.Parse(s.Json) : ScalingObject(s);
                o["hidden_act"] = "silu";
                WriteShape(o, c);
                if (c.HasExplicitHeadDim) o["head_dim"] = c.HeadDim;
                if (c.ModelType is "llama" or "qwen3") o["attention_bias"] = c.AttentionBias;
                if (c.ModelType == "llama") o["mlp_bias"] = c.MlpBias;
                if (c.ModelType != "llama") o["sliding_window"] = c.SlidingWindow;
                if (c.UseSlidingWindow is bool use) o["use_sliding_window"] = use;
                break;
        }
        o["tie_word_embeddings"] = c.TieWordEmbeddings;
        o["bos_token_id"] = c.BosTokenId;
        o["eos_token_id"] = c.EosTokenIds.Count > 1 ? new JsonArray(c.EosTokenIds.Select(i => (JsonNode?)i).ToArray()) : c.EosTokenId;
        if (c.PadTokenId is int pad) o["pad_token_id"] = pad;
        o["torch_dtype"] = c.TorchDtype;
        AppendExtras(o, c.ExtraJson);
        return o.ToJsonString(Indented);
    }

    private static void WriteShape(JsonObject o, ModelConfig c)
    {
        o["hidden_size"] = c.HiddenSize;
        o["intermediate_size"] = c.IntermediateSize;
        o["num_hidden_layers"] = c.NumHiddenLayers;
        o["num_attention_heads"] = c.NumAttentionHeads;
        o["num_key_value_heads"] = c.NumKeyValueHeads;
        o["vocab_size"] = c.VocabSize;
        o["max_position_embeddings"] = c.MaxPositionEmbeddings;
    }

    private static JsonObject ScalingObject(RopeScaling s)
    {
        var o = new JsonObject { ["rope_type"] = s.Type };
        if (s.Type == "default") return o;
        o["factor"] = Num(s.Factor);
        if (s.Type == "llama3")
        {
            o["low_freq_factor"] = Num(s.LowFreqFactor);
            o["high_freq_factor"] = Num(s.HighFreqFactor);
            o["original_max_position_embeddings"] = s.OriginalMaxPositionEmbeddings;
        }
        return o;
    }

    public static GenerationConfig ReadGeneration(string json, string source)
    {
        var r = new Fields(Parse(json, source), source);
        var g = new GenerationConfig
        {
            BosTokenId = r.IntOrNull("bos_token_id"),
            EosTokenIds = r.IntList("eos_token_id") ?? [],
            PadTokenId = r.IntOrNull("pad_token_id"),
        };
        return g with { ExtraJson = r.Extras() };
    }

    public static string WriteGeneration(GenerationConfig g)
    {
        var o = new JsonObject();
        if (g.BosTokenId is int bos) o["bos_token_id"] = bos;
        if (g.EosTokenIds.Count == 1) o["eos_token_id"] = g.EosTokenIds[0];
        else if (g.EosTokenIds.Count > 1) o["eos_token_id"] = new JsonArray(g.EosTokenIds.Select(i => (JsonNode?)i).ToArray());
        if (g.PadTokenId is int pad) o["pad_token_id"] = pad;
        AppendExtras(o, g.ExtraJson);
        return o.ToJsonString(Indented);
    }

    private static void AppendExtras(JsonObject o, string? extraJson)
    {
        if (extraJson is null) return;
        if (JsonNode.Parse(extraJson) is not JsonObject extra) return;
        foreach (var (key, value) in extra.ToList())
        {
            if (o.ContainsKey(key)) continue;
            extra.Remove(key);
            o[key] = value;
        }
    }

    /// <summary>A double as JSON, integral values with ".0" so Python reads a float (as transformers writes them).</summary>
    private static JsonNode Num(double v) =>
        v == Math.Floor(v) && Math.Abs(v) < 1e15
            ? JsonNode.Parse(v.ToString("0.0", CultureInfo.InvariantCulture))!
            : JsonValue.Create(v);

    private static JsonObject Parse(string json, string source)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{source}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>Typed reads of one JSON object that remember which keys Sift owns (the rest are extras).</summary>
    private sealed class Fields(JsonObject o, string source)
    {
        private readonly HashSet<string> _owned = new(StringComparer.Ordinal);

        public string Source => source;

        public void Own(params string[] keys)
        {
            foreach (var k in keys) _owned.Add(k);
        }

        public bool Has(string key) => o.ContainsKey(key);

        /// <summary>Reads a key without owning it (it stays in the extras).</summary>
        public JsonNode? Peek(string key) => o[key];

        public JsonNode? Node(string key)
        {
            _owned.Add(key);
            return o[key];
        }

        public string? String(string key)
        {
            var n = Node(key);
            if (n is null) return null;
            try { return n.GetValue<string>(); }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                throw new InvalidDataException($"{source}: field '{key}' must be a string, got {n.ToJsonString()}", e);
            }
        }

        public int Int(string key, int? fallback = null) =>
            IntOrNull(key) ?? fallback ?? throw new InvalidDataException($"{source}: missing field '{key}'");

        public int? IntOrNull(string key) => Value<int>(key, "an integer");

        public double Double(string key, double fallback) => Value<double>(key, "a number") ?? fallback;

        public bool Bool(string key, bool fallback) => Value<bool>(key, "true or false") ?? fallback;

        /// <summary>The field as <typeparamref name="T"/> (null when absent); a value of another type names the field and what it must be.</summary>
        private T? Value<T>(string key, string mustBe) where T : struct
        {
            var n = Node(key);
            if (n is null) return null;
            try { return n.GetValue<T>(); }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                throw new InvalidDataException($"{source}: field '{key}' must be {mustBe}, got {n.ToJsonString()}", e);
            }
        }

        /// <summary>An id or a list of ids (transformers allows both for eos_token_id); null when absent.</summary>
        public List<int>? IntList(string key)
        {
            var n = Node(key);
            if (n is null) return null;
            if (n is JsonArray a)
            {
                var ids = new List<int>();
                foreach (var e in a)
                {
                    if (e is JsonValue v && v.TryGetValue(out int id)) ids.Add(id);
                    else throw new InvalidDataException($"{source}: field '{key}' must be an integer or a list of integers, got {n.ToJsonString()}");
                }
                return ids;
            }
            return [IntOrNull(key)!.Value];
        }

        /// <summary>The keys nobody owned, as a compact JSON object (null when none).</summary>
        public string? Extras()
        {
            var extra = new JsonObject();
            foreach (var (key, value) in o)
            {
                if (!_owned.Contains(key)) extra[key] = value?.DeepClone();
            }
            return extra.Count == 0 ? null : extra.ToJsonString(Compact);
        }
    }
}
