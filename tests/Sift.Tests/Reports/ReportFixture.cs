namespace Sift.Tests.Reports;

/// <summary>
/// Hand-made run directories in exactly the shapes the report reads: a demo-like run with every
/// results.json section (rows, rft_paths, restem, rerank, multitask, dmt, sweep), nested stage logs
/// and a config.yaml. Deleted on dispose.
/// </summary>
internal sealed class ReportFixture : IDisposable
{
    public ReportFixture(string name = "demo-run")
    {
        Root = Path.Combine(Path.GetTempPath(), "sift-report-tests-" + Guid.NewGuid().ToString("N"));
        Run = Path.Combine(Root, name);
        Directory.CreateDirectory(Run);
    }

    public string Root { get; }
    public string Run { get; }

    public string File(string relative) => Path.Combine(Run, relative);

    public void Write(string relative, string text)
    {
        var path = File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
    }

    /// <summary>Writes results.json, config.yaml and three seeds × two stages of logs.</summary>
    public ReportFixture WithEverything()
    {
        Write("results.json", FullResults);
        Write("config.yaml", "name: \"demo\"\nseeds: [1, 2, 3]\nsft:\n  epochs: 10\n  lr: 0.003\n");
        Write("log.jsonl", "{\"event\":\"experiment_start\",\"time\":\"t\",\"train\":1500}\n");
        foreach (var seed in new[] { 1, 2, 3 })
        {
            foreach (var stage in new[] { "sft-a", "rft" })
            {
                Write($"seed-{seed}/{stage}/log.jsonl", TrainLog(steps: 100, every: 10, start: 5.5 + seed * 0.1, heldOutEvery: 50));
                Directory.CreateDirectory(File($"seed-{seed}/{stage}/checkpoints/final"));
            }
        }
        return this;
    }

    /// <summary>A log of "train" records every <paramref name="every"/> steps with a decaying loss, and "eval" records.</summary>
    public static string TrainLog(int steps, int every, double start, int heldOutEvery)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("{\"event\":\"sft_start\",\"time\":\"t\",\"total_steps\":").Append(steps).Append("}\n");
        for (int s = every; s <= steps; s += every)
        {
            double loss = 0.3 + (start - 0.3) * Math.Exp(-s / 25.0);
            sb.Append(System.FormattableString.Invariant($"{{\"event\":\"train\",\"time\":\"t\",\"step\":{s},\"epoch\":{s / 50.0},\"loss\":{loss:F5},\"lr\":0.001,\"grad_norm\":1.2,\"tokens_per_s\":3000.5}}\n"));
            if (s % heldOutEvery == 0) sb.Append(System.FormattableString.Invariant($"{{\"event\":\"eval\",\"time\":\"t\",\"step\":{s},\"eval_loss\":{loss + 0.05:F5}}}\n"));
        }
        sb.Append("{\"event\":\"sft_end\",\"time\":\"t\",\"steps\":").Append(steps).Append("}\n");
        return sb.ToString();
    }

    public const string FullResults = """
        {
          "rows": [
            {"method": "SFT", "greedy": 0.280667, "maj_k": 0.244333, "k": 4, "per_seed": [{"seed": 1, "greedy": 0.384, "maj_k": 0.35}, {"seed": 2, "greedy": 0.219, "maj_k": 0.179}]},
            {"method": "RFT k=8", "greedy": 0.339, "maj_k": 0.304667, "k": 4, "per_seed": [{"seed": 1, "greedy": 0.381, "maj_k": 0.36}, {"seed": 2, "greedy": 0.375, "maj_k": null}]},
            {"method": "RFT-union k=8", "greedy": 0.356333, "maj_k": null, "k": 4, "per_seed": []}
          ],
          "seeds": [1, 2, 3],
          "test_problems": 1000,
          "rft_paths": {"k": 8, "growth": [
            {"k": 1, "distinct_paths_per_problem": 0.016, "union_distinct_paths_per_problem": 0.022, "coverage": 0.016, "pass_at_k": 0.252},
            {"k": 2, "distinct_paths_per_problem": 0.028, "union_distinct_paths_per_problem": 0.038, "coverage": 0.028, "pass_at_k": 0.361},
            {"k": 4, "distinct_paths_per_problem": 0.046, "union_distinct_paths_per_problem": 0.065, "coverage": 0.045, "pass_at_k": 0.478},
            {"k": 8, "distinct_paths_per_problem": 0.07, "union_distinct_paths_per_problem": 0.101, "coverage": 0.068, "pass_at_k": 0.598}]},
          "restem": {
            "sft_greedy": 0.31, "sft_validation_reward": 0.3,
            "iterations": [
              {"iteration": 1, "test_greedy": 0.35, "train_solved": 0.52, "kept_samples": 900, "rewarded_samples": 1400, "validation_reward": 0.34, "m_step_start": "base", "steps": 120, "model": "iter-1/checkpoints/final"},
              {"iteration": 2, "test_greedy": 0.37, "train_solved": 0.58, "kept_samples": 1010, "rewarded_samples": 1600, "validation_reward": 0.36, "m_step_start": "base", "steps": 130, "model": "iter-2/checkpoints/final"},
              {"iteration": 3, "test_greedy": 0.36, "train_solved": 0.6, "kept_samples": 1050, "rewarded_samples": 1700, "validation_reward": null, "m_step_start": "base", "steps": 130, "model": "iter-3/checkpoints/final"}],
            "best_iteration": 2, "stop_reason": null,
            "per_seed": [
              {"seed": 1, "sft_greedy": 0.3, "iterations": [{"iteration": 1, "test_greedy": 0.34}, {"iteration": 2, "test_greedy": 0.36}]},
              {"seed": 2, "sft_greedy": 0.32, "iterations": [{"iteration": 1, "test_greedy": 0.36}, {"iteration": 2, "test_greedy": 0.38}]}]
          },
          "rerank": {"k": [1, 2, 4, 8, 16], "n_problems": 500, "strategies": {
            "majority": {"1": 0.30, "2": 0.30, "4": 0.34, "8": 0.37, "16": 0.39},
            "best_of_n": {"1": 0.30, "2": 0.32, "4": 0.35, "8": 0.36, "16": 0.36},
            "cluster_rerank": {"1": 0.30, "2": 0.33, "4": 0.37, "8": 0.40, "16": 0.42},
            "weighted_vote": {"1": 0.30, "2": 0.33, "4": 0.36, "8": 0.39, "16": 0.41},
            "weighted_cluster_rerank": {"1": 0.30, "2": 0.34, "4": 0.38, "8": 0.41, "16": 0.43}}},
          "multitask": {
            "solution_ft": {"greedy": 0.31, "reranked": 0.36},
            "sequential": {"greedy": 0.30, "reranked": 0.38, "evaluator_accuracy": 0.71},
            "mixed": {"greedy": 0.32, "reranked": 0.39, "evaluator_accuracy": 0.74, "steps": 900}},
          "dmt": {"k": 0.0625, "strategies": {
            "multi_task": {"math": 0.30, "code": 0.20, "general": 0.55, "per_seed": [{"seed": 1, "math": 0.29, "code": 0.21, "general": 0.56}]},
            "sequential": {"math": 0.22, "code": 0.12, "general": 0.61, "per_seed": [],
              "stages": [{"stage": "math+code", "examples": 2000, "epochs": 8, "math": 0.31, "code": 0.2, "general": 0.1},
                         {"stage": "general", "examples": 1500, "epochs": 4, "math": 0.22, "code": 0.12, "general": 0.61}]},
            "mixed_sequential": {"math": 0.27, "code": 0.17, "general": 0.58},
            "dmt": {"math": 0.29, "code": 0.19, "general": 0.59}}},
          "sweep": {"axis": "data_fraction",
            "points": [
              {"name": "f1/32", "fraction": 0.03125, "amount": 47, "model": "small", "k": 0, "seed": 1, "accuracy": 0.05, "final_loss": 1.9, "held_out_loss": 2.0},
              {"name": "f1/8", "fraction": 0.125, "amount": 188, "model": "small", "k": 0, "seed": 1, "accuracy": 0.12, "final_loss": 1.2, "held_out_loss": 1.3},
              {"name": "f1/2", "fraction": 0.5, "amount": 750, "model": "small", "k": 0, "seed": 1, "accuracy": 0.21, "final_loss": 0.6, "held_out_loss": 0.8},
              {"name": "f1", "fraction": 1, "amount": 1500, "model": "small", "k": 0, "seed": 1, "accuracy": 0.27, "final_loss": 0.35, "held_out_loss": 0.6}],
            "fits": [
              {"x": "amount", "y": "accuracy", "kind": "log_linear", "a": -0.17, "b": 0.061, "r2": 0.994, "group": null},
              {"x": "final_loss", "y": "accuracy", "kind": "linear", "a": 0.3, "b": -0.13, "r2": 0.97}]},
          "seconds": 445.7
        }
        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
