using System.Globalization;
using System.Text;
using Sift.Data.Synthetic;
using Sift.Eval;
using Sift.Methods.Evaluator;
using Sift.Model;
using Sift.Methods.Multitask;
using Sift.Methods.RestEm;
using Sift.Methods.Rft;
using Sift.Training.Sft;
using YamlDotNet.RepresentationModel;
using Sift.IO.Yaml;

namespace Sift.Pipelines;

/// <summary>
/// Reads and writes YAML experiment configs (`sift run config.yaml`). Every field is optional and
/// defaults to the demo's value (<see cref="ExperimentPresets.Demo"/>); unknown fields and bad
/// values are errors naming file, line and field, so a typo never silently falls back to a default.
/// Relative paths are relative to the config file.
/// </summary>
public static class ExperimentConfig
{
    /// <summary>Loads a config file.</summary>
    public static ExperimentOptions Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses config text; <paramref name="source"/> names it in errors, <paramref name="baseDirectory"/> anchors relative paths.</summary>
    public static ExperimentOptions Parse(string yaml, string source, string baseDirectory)
    {
        var r = new YamlFieldReader(source, baseDirectory);
        var defaults = ExperimentPresets.Demo();
        if (r.Root(yaml) is not { } root) return defaults;
        var o = defaults;
        foreach (var (key, value) in r.Fields(root, "", ["name", "seeds", "template", "vocab_size", "tokenizer", "sample_batch", "max_new_tokens", "data", "model", "model_b", "sft", "rft", "restem", "rerank", "multitask", "dmt", "eval"]))
        {
            o = key switch
            {
                "name" => o with { Name = r.String(value, key) },
                "seeds" => o with { Seeds = r.IntList(value, key) },
                "template" => o with { Template = r.Choice(value, key, "plain", "alpaca") },
                "vocab_size" => o with { VocabSize = r.Int(value, key, 260, 65536) },
                "tokenizer" => o with { TokenizerPath = r.PathValue(value, key) },
                "sample_batch" => o with { SampleBatch = r.Int(value, key, 1, 4096) },
                "max_new_tokens" => o with { MaxNewTokens = r.Int(value, key, 1, 100000) },
                "data" => o with { Data = ReadData(r, value, o.Data) },
                "model" => o with { Model = ModelShapeYaml.Read(r, value, "model.", o.Model) },
                "model_b" => o with { ModelB = ModelShapeYaml.Read(r, value, "model_b.", o.ModelB ?? o.Model) },
                "sft" => o with { Sft = SftOptionsYaml.Read(r, value, "sft.", o.Sft) },
                "rft" => o with { Rft = ReadRft(r, value, o.Rft, o.Sft) },
                "restem" => o with { RestEm = ReadRestEm(r, value, o.RestEm, o.Sft) },
                "rerank" => o with { Rerank = ReadRerank(r, value, o.Rerank) },
                "multitask" => o with { Multitask = ReadMultitask(r, value, o.Multitask, o.Sft) },
                "dmt" => ReadDmt(r, value, o),
                "eval" => o with { Eval = ReadEval(r, value, o.Eval) },
                _ => o,
            };
        }
        if (o.Seeds.Count == 0) throw new ConfigException($"{source}: seeds: at least one seed is needed");
        return o;
    }

    private static DataOptions ReadData(YamlFieldReader r, YamlNode node, DataOptions d)
    {
        foreach (var (key, value) in r.Fields(node, "data.", ["train", "test", "fields", "skip_invalid", "train_limit", "test_limit", "synth"]))
        {
            var f = "data." + key;
            d = key switch
            {
                "train" => d with { TrainPath = r.PathValue(value, f) },
                "test" => d with { TestPath = r.PathValue(value, f) },
                "fields" => d with { Fields = r.String(value, f) },
                "skip_invalid" => d with { SkipInvalid = r.Bool(value, f) },
                "train_limit" => d with { TrainLimit = r.Int(value, f, 0, int.MaxValue) },
                "test_limit" => d with { TestLimit = r.Int(value, f, 0, int.MaxValue) },
                "synth" => ReadSynth(r, value, d),
                _ => d,
            };
        }
        return d;
    }

    private static DataOptions ReadSynth(YamlFieldReader r, YamlNode node, DataOptions d)
    {
        var s = d.Synth;
        foreach (var (key, value) in r.Fields(node, "data.synth.", ["train", "test", "min_steps", "max_steps", "max_number", "max_result", "seed"]))
        {
            var f = "data.synth." + key;
            switch (key)
            {
                case "train": d = d with { SynthTrain = r.Int(value, f, 1, 10_000_000) }; break;
                case "test": d = d with { SynthTest = r.Int(value, f, 1, 10_000_000) }; break;
                case "min_steps": s = s with { MinSteps = r.Int(value, f, 1, 8) }; break;
                case "max_steps": s = s with { MaxSteps = r.Int(value, f, 1, 8) }; break;
                case "max_number": s = s with { MaxNumber = r.Int(value, f, 5, 1_000_000) }; break;
                case "max_result": s = s with { MaxResult = r.Int(value, f, 20, 100_000_000) }; break;
                case "seed": s = s with { Seed = r.Int(value, f, int.MinValue, int.MaxValue) }; break;
            }
        }
        return d with { Synth = s };
    }

    private static RftOptions ReadRft(YamlFieldReader r, YamlNode node, RftOptions o, SftOptions sft)
    {
        foreach (var (key, value) in r.Fields(node, "rft.", ["enabled", "k", "temperature", "union", "check_annotations", "training"]))
        {
            var f = "rft." + key;
            o = key switch
            {
                "enabled" => o with { Enabled = r.Bool(value, f) },
                "k" => o with { K = r.Int(value, f, 1, 100000) },
                "temperature" => o with { Temperature = (float)r.Double(value, f, 0, 10) },
                "union" => o with { Union = r.Bool(value, f) },
                "check_annotations" => o with { CheckAnnotations = r.Bool(value, f) },
                "training" => o with { Training = SftOptionsYaml.Read(r, value, "rft.training.", o.Training ?? sft) },
                _ => o,
            };
        }
        return o;
    }

    private static RestEmOptions ReadRestEm(YamlFieldReader r, YamlNode node, RestEmOptions o, SftOptions sft)
    {
        foreach (var (key, value) in r.Fields(node, "restem.", ["enabled", "iterations", "k", "temperature", "top_k", "max_per_problem", "continue_from_previous", "training"]))
        {
            var f = "restem." + key;
            o = key switch
            {
                "enabled" => o with { Enabled = r.Bool(value, f) },
                "iterations" => o with { Iterations = r.Int(value, f, 1, 1000) },
                "k" => o with { K = r.Int(value, f, 1, 100000) },
                "temperature" => o with { Temperature = (float)r.Double(value, f, 0, 10) },
                "top_k" => o with { TopK = r.Int(value, f, 0, 1_000_000) },
                "max_per_problem" => o with { MaxPerProblem = r.Int(value, f, 1, 100000) },
                "continue_from_previous" => o with { ContinueFromPrevious = r.Bool(value, f) },
                "training" => o with { Training = SftOptionsYaml.Read(r, value, "restem.training.", o.Training ?? sft) },
                _ => o,
            };
        }
        return o;
    }

    private static RerankOptions ReadRerank(YamlFieldReader r, YamlNode node, RerankOptions o)
    {
        foreach (var (key, value) in r.Fields(node, "rerank.", ["enabled", "n", "test_problems", "max_per_class", "evaluator"]))
        {
            var f = "rerank." + key;
            o = key switch
            {
                "enabled" => o with { Enabled = r.Bool(value, f) },
                "n" => o with { N = r.Int(value, f, 1, 100000) },
                "test_problems" => o with { TestProblems = r.Int(value, f, 0, int.MaxValue) },
                "max_per_class" => o with { Data = o.Data with { MaxPerClass = r.Int(value, f, 1, 100000) } },
                "evaluator" => o with { Evaluator = ReadEvaluator(r, value, o.Evaluator) },
                _ => o,
            };
        }
        return o;
    }

    private static EvaluatorTrainOptions ReadEvaluator(YamlFieldReader r, YamlNode node, EvaluatorTrainOptions e)
    {
        foreach (var (key, value) in r.Fields(node, "rerank.evaluator.", ["objective", "margin", "pairs_per_step", "epochs", "steps", "lr", "min_lr_ratio", "warmup", "weight_decay", "max_grad_norm"]))
        {
            var f = "rerank.evaluator." + key;
            e = key switch
            {
                "objective" => e with
                {
                    Objective = r.Choice(value, f, "label_ce", "margin", "both") switch
                    {
                        "label_ce" => EvaluatorObjective.LabelCrossEntropy,
                        "margin" => EvaluatorObjective.Margin,
                        _ => EvaluatorObjective.Both,
                    },
                },
                "margin" => e with { Margin = r.Double(value, f, 0, 100) },
                "pairs_per_step" => e with { PairsPerStep = r.Int(value, f, 1, 65536) },
                "epochs" => e with { Epochs = r.Double(value, f, 1e-6, 1e6) },
                "steps" => e with { MaxSteps = r.Int(value, f, 0, int.MaxValue) },
                "lr" => e with { LearningRate = r.Double(value, f, 1e-9, 10) },
                "min_lr_ratio" => e with { MinLearningRateRatio = r.Double(value, f, 0, 1) },
                "warmup" => e with { WarmupFraction = r.Double(value, f, 0, 0.999) },
                "weight_decay" => e with { WeightDecay = r.Double(value, f, 0, 10) },
                "max_grad_norm" => e with { MaxGradNorm = (float)r.Double(value, f, 0, 1e6) },
                _ => e,
            };
        }
        return e;
    }

    private static MultitaskOptions ReadMultitask(YamlFieldReader r, YamlNode node, MultitaskOptions o, SftOptions sft)
    {
        foreach (var (key, value) in r.Fields(node, "multitask.", ["enabled", "generation", "evaluation"]))
        {
            var f = "multitask." + key;
            o = key switch
            {
                "enabled" => o with { Enabled = r.Bool(value, f) },
                "generation" => o with { Generation = SftOptionsYaml.Read(r, value, "multitask.generation.", o.Generation ?? sft) },
                "evaluation" => o with { Evaluation = SftOptionsYaml.Read(r, value, "multitask.evaluation.", o.Evaluation) },
                _ => o,
            };
        }
        return o;
    }

    private static ExperimentOptions ReadDmt(YamlFieldReader r, YamlNode node, ExperimentOptions o)
    {
        foreach (var (key, value) in r.Fields(node, "dmt.", ["enabled", "config"]))
        {
            var f = "dmt." + key;
            o = key switch
            {
                "enabled" => o with { DmtEnabled = r.Bool(value, f) },
                "config" => o with { DmtConfigPath = r.PathValue(value, f) },
                _ => o,
            };
        }
        return o;
    }

    private static EvalOptions ReadEval(YamlFieldReader r, YamlNode node, EvalOptions e)
    {
        foreach (var (key, value) in r.Fields(node, "eval.", ["greedy", "k", "temperature", "top_k"]))
        {
            var f = "eval." + key;
            e = key switch
            {
                "greedy" => e with { Greedy = r.Bool(value, f) },
                "k" => e with { K = r.Int(value, f, 0, 100000) },
                "temperature" => e with { Temperature = (float)r.Double(value, f, 0, 10) },
                "top_k" => e with { TopK = r.Int(value, f, 0, 1_000_000) },
                _ => e,
            };
        }
        return e;
    }

    /// <summary>The resolved config as YAML (written to the run directory's config.yaml; loads back to the same options).</summary>
    public static string ToYaml(ExperimentOptions o)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        void Line(int indent, string key, object? value)
        {
            var text = value switch
            {
                null => "null",
                bool b => b ? "true" : "false",
                string s => Quote(s),
                double d => d.ToString("R", inv),
                float f => f.ToString("R", inv),
                IFormattable x => x.ToString(null, inv),
                _ => value.ToString(),
            };
            sb.Append(' ', indent).Append(key).Append(": ").Append(text).Append('\n');
        }
        void Head(int indent, string key) => sb.Append(' ', indent).Append(key).Append(":\n");
        void Model(string key, ModelShape m)
        {
            Head(0, key);
            Line(2, "family", m.Family == ModelFamily.Llama ? "llama" : "gpt2");
            Line(2, "hidden", m.Hidden);
            Line(2, "layers", m.Layers);
            Line(2, "heads", m.Heads);
            Line(2, "kv_heads", m.KeyValueHeads);
            Line(2, "intermediate", m.Intermediate);
            Line(2, "context", m.Context);
            Line(2, "tie_embeddings", m.TieEmbeddings);
        }
        void Sft(int indent, string key, SftOptions s)
        {
            Head(indent, key);
            int i = indent + 2;
            Line(i, "epochs", s.Epochs);
            Line(i, "steps", s.MaxSteps);
            Line(i, "batch_size", s.BatchSize);
            Line(i, "bucket_window", s.BucketWindow);
            Line(i, "lr", s.LearningRate);
            Line(i, "min_lr_ratio", s.MinLearningRateRatio);
            Line(i, "warmup", s.WarmupFraction);
            Line(i, "weight_decay", s.WeightDecay);
            Line(i, "max_grad_norm", (double)s.MaxGradNorm);
            Line(i, "checkpoint_every", s.CheckpointEvery);
            Line(i, "eval_every", s.EvalEvery);
            Line(i, "log_every", s.LogEvery);
        }
        Line(0, "name", o.Name);
        sb.Append("seeds: [").Append(string.Join(", ", o.Seeds)).Append("]\n");
        Line(0, "template", o.Template);
        Line(0, "vocab_size", o.VocabSize);
        if (o.TokenizerPath is not null) Line(0, "tokenizer", o.TokenizerPath);
        Line(0, "sample_batch", o.SampleBatch);
        Line(0, "max_new_tokens", o.MaxNewTokens);
        Head(0, "data");
        if (o.Data.TrainPath is not null) Line(2, "train", o.Data.TrainPath);
        if (o.Data.TestPath is not null) Line(2, "test", o.Data.TestPath);
        if (o.Data.Fields is not null) Line(2, "fields", o.Data.Fields);
        Line(2, "skip_invalid", o.Data.SkipInvalid);
        Line(2, "train_limit", o.Data.TrainLimit);
        Line(2, "test_limit", o.Data.TestLimit);
        Head(2, "synth");
        Line(4, "train", o.Data.SynthTrain);
        Line(4, "test", o.Data.SynthTest);
        Line(4, "min_steps", o.Data.Synth.MinSteps);
        Line(4, "max_steps", o.Data.Synth.MaxSteps);
        Line(4, "max_number", o.Data.Synth.MaxNumber);
        Line(4, "max_result", o.Data.Synth.MaxResult);
        Line(4, "seed", o.Data.Synth.Seed);
        Model("model", o.Model);
        if (o.ModelB is not null) Model("model_b", o.ModelB);
        Sft(0, "sft", o.Sft);
        Head(0, "rft");
        Line(2, "enabled", o.Rft.Enabled);
        Line(2, "k", o.Rft.K);
        Line(2, "temperature", (double)o.Rft.Temperature);
        Line(2, "union", o.Rft.Union);
        Line(2, "check_annotations", o.Rft.CheckAnnotations);
        if (o.Rft.Training is not null) Sft(2, "training", o.Rft.Training);
        Head(0, "restem");
        Line(2, "enabled", o.RestEm.Enabled);
        Line(2, "iterations", o.RestEm.Iterations);
        Line(2, "k", o.RestEm.K);
        Line(2, "temperature", (double)o.RestEm.Temperature);
        Line(2, "top_k", o.RestEm.TopK);
        Line(2, "max_per_problem", o.RestEm.MaxPerProblem);
        Line(2, "continue_from_previous", o.RestEm.ContinueFromPrevious);
        if (o.RestEm.Training is not null) Sft(2, "training", o.RestEm.Training);
        Head(0, "rerank");
        Line(2, "enabled", o.Rerank.Enabled);
        Line(2, "n", o.Rerank.N);
        Line(2, "test_problems", o.Rerank.TestProblems);
        Line(2, "max_per_class", o.Rerank.Data.MaxPerClass);
        Head(2, "evaluator");
        var ev = o.Rerank.Evaluator;
        Line(4, "objective", ev.Objective switch { EvaluatorObjective.LabelCrossEntropy => "label_ce", EvaluatorObjective.Margin => "margin", _ => "both" });
        Line(4, "margin", ev.Margin);
        Line(4, "pairs_per_step", ev.PairsPerStep);
        Line(4, "epochs", ev.Epochs);
        Line(4, "steps", ev.MaxSteps);
        Line(4, "lr", ev.LearningRate);
        Line(4, "min_lr_ratio", ev.MinLearningRateRatio);
        Line(4, "warmup", ev.WarmupFraction);
        Line(4, "weight_decay", ev.WeightDecay);
        Line(4, "max_grad_norm", (double)ev.MaxGradNorm);
        Head(0, "multitask");
        Line(2, "enabled", o.Multitask.Enabled);
        if (o.Multitask.Generation is not null) Sft(2, "generation", o.Multitask.Generation);
        Sft(2, "evaluation", o.Multitask.Evaluation);
        Head(0, "dmt");
        Line(2, "enabled", o.DmtEnabled);
        if (o.DmtConfigPath is not null) Line(2, "config", o.DmtConfigPath);
        Head(0, "eval");
        Line(2, "greedy", o.Eval.Greedy);
        Line(2, "k", o.Eval.K);
        Line(2, "temperature", (double)o.Eval.Temperature);
        Line(2, "top_k", o.Eval.TopK);
        return sb.ToString();
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

}
