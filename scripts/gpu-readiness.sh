#!/usr/bin/env bash
# RotoGrad4J on a machine with CUDA GPUs: the reference conformance cases and the sharded-step equality in
# float64 on the GPU, a few training steps on one GPU and split over all of them, and the step benchmark.
# Prints the figures and writes the benchmark's JSON files to target/gpu-readiness/.
#
# Needs Java 17, Maven, an NVIDIA driver, and PyTorch 2.7.1 built for CUDA, either
#   - a local libtorch 2.7.1 (CUDA 12.x): PYTORCH_LIBRARY_PATH=/path/to/libtorch/lib PYTORCH_FLAVOR=cu128, or
#   - DJL's download of it on first use, where the machine has internet (nothing to set).
# A PyTorch installed for Python is usable when it is 2.7.1: point PYTORCH_LIBRARY_PATH at its torch/lib
# (python3 -c "import torch, os; print(torch.__version__, os.path.dirname(torch.__file__) + '/lib')").
# DJL's JNI bridge (ai.djl.pytorch:pytorch-jni 2.7.1-*) is built for libtorch 2.7.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nvidia-smi > /dev/null; then
    echo "no nvidia-smi: this script needs a machine with a CUDA GPU" >&2
    exit 2
fi
if [[ -n "${PYTORCH_LIBRARY_PATH:-}" ]]; then
    export PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}"
    echo "libtorch: $PYTORCH_LIBRARY_PATH ($PYTORCH_FLAVOR)"
else
    echo "libtorch: DJL's download (needs internet); set PYTORCH_LIBRARY_PATH to use a local one"
fi
nvidia-smi --query-gpu=index,name,memory.total,driver_version --format=csv
gpus=$(nvidia-smi --list-gpus | wc -l)
all=$(seq -s, -f 'gpu%g' 0 $((gpus - 1)))
out=target/gpu-readiness
mkdir -p "$out"

echo "== build"
mvn -B -q install -DskipTests -Dcuda

echo "== conformance (float64) and sharded-step equality on the GPU"
mvn -B -Dcuda -pl runtime surefire:test -Dtest='GoldenConformanceTest,ShardedStepTest' \
    | grep -E 'Tests run:|FAIL|ERROR' || true

benchmark() {
    mvn -B -q -Dcuda -f benchmarks exec:java -Dexec.args="$*"
}
echo "== a few training steps on one GPU (gpu0)"
benchmark --workloads mlp-1024,conv --warm-up 2 --steps 10 --devices gpu0 --output "$out/one-gpu.json"
echo "== the same steps split over all $gpus GPUs ($all)"
benchmark --workloads mlp-1024,conv --warm-up 2 --steps 10 --devices "$all" --output "$out/all-gpus.json"
echo "== the step benchmark, every workload and parametrization, on gpu0"
benchmark --include-slow --long-run-steps 1000 --output "$out/step-benchmark.json"
echo "figures: $out/*.json"
