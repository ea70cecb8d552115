#!/usr/bin/env python3
"""Convert the MiniFASNet anti-spoofing weights (minivision-ai/Silent-Face-Anti-Spoofing) to ONNX.

Usage (from the repository root, Debian's python3-torch and python3-onnx):

    /usr/bin/python3 models/minifasnet/convert.py [--weights DIR] [--out DIR]

DIR defaults to ../shared/models/minifasnet relative to the repository root. The script

1. checks the sha256 of both .pth files against the values below (and the shared README),
2. builds MiniFASNetV2 (2.7 scale) and MiniFASNetV1SE (4.0 scale) here in plain torch.nn, following
   src/model_lib/MiniFASNet.py of the publishers' repository, loads the state dicts strictly (after
   stripping the DataParallel `module.` prefix) and switches to eval mode,
3. exports ONNX (opset 13, input `input` [N,3,80,80] float32 with a dynamic batch axis, output
   `logits` [N,3], raw logits without softmax, constant folding on), normalised so that a rerun
   writes byte-identical files (doc strings stripped, producer fields fixed),
4. checks the files with onnx.checker, compares the ONNX graph's weights with the PyTorch model's where
   it can, runs onnxruntime on them if the Python package is installed (it usually is not: then
   packages/face/src/pad.test.ts does that step in Node with onnxruntime-web), and
5. writes reference.json: deterministic inputs (formulas that JavaScript can regenerate exactly) and
   the PyTorch logits for each.
"""

import argparse
import hashlib
import io
import json
import math
import os
import sys

import numpy as np
import onnx
import onnx.numpy_helper
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_WEIGHTS = os.path.normpath(os.path.join(REPO_ROOT, '..', 'shared', 'models', 'minifasnet'))

SOURCE_REPO = 'minivision-ai/Silent-Face-Anti-Spoofing'
SOURCE_COMMIT = 'b6d5f04ad78778917853b25c778acef6d5626d15'
OPSET = 13
INPUT_SIZE = 80  # both models take 80x80 crops
# get_kernel(h, w) in src/utility.py: ((h + 15) // 16, (w + 15) // 16) -> (5, 5) for 80x80.
CONV6_KERNEL = ((INPUT_SIZE + 15) // 16, (INPUT_SIZE + 15) // 16)
EMBEDDING_SIZE = 128
NUM_CLASSES = 3

# keep_dict in src/model_lib/MiniFASNet.py: channel counts of the pruned networks.
KEEP_1_8M = [32, 32, 103, 103, 64, 13, 13, 64, 26, 26,
             64, 13, 13, 64, 52, 52, 64, 231, 231, 128,
             154, 154, 128, 52, 52, 128, 26, 26, 128, 52,
             52, 128, 26, 26, 128, 26, 26, 128, 308, 308,
             128, 26, 26, 128, 26, 26, 128, 512, 512]  # MiniFASNetV1, MiniFASNetV1SE
KEEP_1_8M_ = [32, 32, 103, 103, 64, 13, 13, 64, 13, 13, 64, 13,
              13, 64, 13, 13, 64, 231, 231, 128, 231, 231, 128, 52,
              52, 128, 26, 26, 128, 77, 77, 128, 26, 26, 128, 26, 26,
              128, 308, 308, 128, 26, 26, 128, 26, 26, 128, 512, 512]  # MiniFASNetV2, MiniFASNetV2SE

MODELS = [
    {
        'onnx': 'minifasnet-v2-2.7.onnx',
        'pth': '2.7_80x80_MiniFASNetV2.pth',
        'sha256': 'a5eb02e1843f19b5386b953cc4c9f011c3f985d0ee2bb9819eea9a142099bec0',
        'network': 'MiniFASNetV2',
        'keep': KEEP_1_8M_,
        'se': False,
        'scale': 2.7,
    },
    {
        'onnx': 'minifasnet-v1se-4.0.onnx',
        'pth': '4_0_0_80x80_MiniFASNetV1SE.pth',
        'sha256': '84ee1d37d96894d5e82de5a57df044ef80a58be2b218b5ed7cdfd875ec2f5990',
        'network': 'MiniFASNetV1SE',
        'keep': KEEP_1_8M,
        'se': True,
        'scale': 4.0,
    },
]


# ---------------------------------------------------------------------------------------------
# The network. Module and attribute names are those of the publishers' code, so that their state
# dicts load with strict=True; the forward passes do what theirs do.
# ---------------------------------------------------------------------------------------------

class ConvBlock(nn.Module):
    """Conv (no bias) + BatchNorm + PReLU (their Conv_block)."""

    def __init__(self, in_c, out_c, kernel=(1, 1), stride=(1, 1), padding=(0, 0), groups=1):
        super().__init__()
        self.conv = nn.Conv2d(in_c, out_c, kernel_size=kernel, groups=groups, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm2d(out_c)
        self.prelu = nn.PReLU(out_c)

    def forward(self, x):
        return self.prelu(self.bn(self.conv(x)))


class LinearBlock(nn.Module):
    """Conv (no bias) + BatchNorm, no activation (their Linear_block)."""

    def __init__(self, in_c, out_c, kernel=(1, 1), stride=(1, 1), padding=(0, 0), groups=1):
        super().__init__()
        self.conv = nn.Conv2d(in_c, out_c, kernel_size=kernel, groups=groups, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm2d(out_c)

    def forward(self, x):
        return self.bn(self.conv(x))


class SEModule(nn.Module):
    """Squeeze-and-excitation with BatchNorm after each 1x1 conv (their SEModule)."""

    def __init__(self, channels, reduction):
        super().__init__()
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(channels, channels // reduction, kernel_size=1, padding=0, bias=False)
        self.bn1 = nn.BatchNorm2d(channels // reduction)
        self.relu = nn.ReLU()
        self.fc2 = nn.Conv2d(channels // reduction, channels, kernel_size=1, padding=0, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        w = self.sigmoid(self.bn2(self.fc2(self.relu(self.bn1(self.fc1(self.avg_pool(x)))))))
        return x * w


class DepthWise(nn.Module):
    """1x1 expand (ConvBlock) -> depthwise kxk (ConvBlock, groups = its input channels) -> 1x1 project
    (LinearBlock), optional residual add; with `se_reduct`, an SE module on the projected branch before
    the add (their Depth_Wise and Depth_Wise_SE; the SE variant is only ever used with a residual)."""

    def __init__(self, c1, c2, c3, residual=False, kernel=(3, 3), stride=(2, 2), padding=(1, 1), se_reduct=None):
        super().__init__()
        self.conv = ConvBlock(c1[0], c1[1], kernel=(1, 1), padding=(0, 0), stride=(1, 1))
        self.conv_dw = ConvBlock(c2[0], c2[1], groups=c2[0], kernel=kernel, padding=padding, stride=stride)
        self.project = LinearBlock(c3[0], c3[1], kernel=(1, 1), padding=(0, 0), stride=(1, 1))
        self.residual = residual
        if se_reduct is not None:
            self.se_module = SEModule(c3[1], se_reduct)
        else:
            self.se_module = None

    def forward(self, x):
        out = self.project(self.conv_dw(self.conv(x)))
        if self.residual:
            if self.se_module is not None:
                out = self.se_module(out)
            out = x + out
        return out


class Residual(nn.Module):
    """A stack of residual DepthWise blocks, stride 1; with `se`, the last block carries an SE module
    with reduction 4 (their Residual / ResidualSE)."""

    def __init__(self, c1, c2, c3, num_block, se=False):
        super().__init__()
        blocks = []
        for i in range(num_block):
            se_reduct = 4 if (se and i == num_block - 1) else None
            blocks.append(DepthWise(c1[i], c2[i], c3[i], residual=True, kernel=(3, 3), padding=(1, 1), stride=(1, 1), se_reduct=se_reduct))
        self.model = nn.Sequential(*blocks)

    def forward(self, x):
        return self.model(x)


class MiniFASNet(nn.Module):
    """MiniFASNet(V1|V2)[SE] for an 80x80 input: 80 -> 40 (conv1) -> 20 (conv_23) -> 10 (conv_34)
    -> 5 (conv_45) -> 1 (conv_6_dw, 5x5 depthwise) -> 512 -> Linear 128 -> BatchNorm1d -> Linear 3.
    Dropout (p=0.2 / 0.75 in theirs) is the identity in eval mode and is left out."""

    def __init__(self, keep, se, embedding_size=EMBEDDING_SIZE, conv6_kernel=CONV6_KERNEL, num_classes=NUM_CLASSES, img_channel=3):
        super().__init__()
        k = keep
        self.conv1 = ConvBlock(img_channel, k[0], kernel=(3, 3), stride=(2, 2), padding=(1, 1))
        self.conv2_dw = ConvBlock(k[0], k[1], kernel=(3, 3), stride=(1, 1), padding=(1, 1), groups=k[1])
        self.conv_23 = DepthWise((k[1], k[2]), (k[2], k[3]), (k[3], k[4]), kernel=(3, 3), stride=(2, 2), padding=(1, 1))

        def stage(first, num_block):
            # Block i of a stage starting at keep index `first` uses keep[first+3i .. first+3i+3].
            idx = [first + 3 * i for i in range(num_block)]
            c1 = [(k[j], k[j + 1]) for j in idx]
            c2 = [(k[j + 1], k[j + 2]) for j in idx]
            c3 = [(k[j + 2], k[j + 3]) for j in idx]
            return Residual(c1, c2, c3, num_block=num_block, se=se)

        self.conv_3 = stage(4, 4)
        self.conv_34 = DepthWise((k[16], k[17]), (k[17], k[18]), (k[18], k[19]), kernel=(3, 3), stride=(2, 2), padding=(1, 1))
        self.conv_4 = stage(19, 6)
        self.conv_45 = DepthWise((k[37], k[38]), (k[38], k[39]), (k[39], k[40]), kernel=(3, 3), stride=(2, 2), padding=(1, 1))
        self.conv_5 = stage(40, 2)
        self.conv_6_sep = ConvBlock(k[46], k[47], kernel=(1, 1), stride=(1, 1), padding=(0, 0))
        self.conv_6_dw = LinearBlock(k[47], k[48], groups=k[48], kernel=conv6_kernel, stride=(1, 1), padding=(0, 0))
        self.embedding_size = embedding_size
        self.linear = nn.Linear(512, embedding_size, bias=False)
        self.bn = nn.BatchNorm1d(embedding_size)
        self.prob = nn.Linear(embedding_size, num_classes, bias=False)

    def forward(self, x):
        out = self.conv1(x)
        out = self.conv2_dw(out)
        out = self.conv_23(out)
        out = self.conv_3(out)
        out = self.conv_34(out)
        out = self.conv_4(out)
        out = self.conv_45(out)
        out = self.conv_5(out)
        out = self.conv_6_sep(out)
        out = self.conv_6_dw(out)
        out = torch.flatten(out, 1)  # theirs: out.view(out.size(0), -1); the same for [N,512,1,1]
        if self.embedding_size != 512:
            out = self.linear(out)
        out = self.bn(out)
        return self.prob(out)


# ---------------------------------------------------------------------------------------------

def sha256_file(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def load_model(spec, weights_dir):
    path = os.path.join(weights_dir, spec['pth'])
    digest = sha256_file(path)
    if digest != spec['sha256']:
        sys.exit(f"{path}: sha256 {digest}, expected {spec['sha256']} (the value in the shared README)")
    readme = os.path.join(weights_dir, 'README.md')
    if os.path.exists(readme):
        with open(readme, encoding='utf-8') as f:
            if spec['sha256'] not in f.read():
                sys.exit(f"{readme} does not list sha256 {spec['sha256']} for {spec['pth']}: the script and the README disagree")
    state = torch.load(path, map_location='cpu')
    state = {(key[len('module.'):] if key.startswith('module.') else key): value for key, value in state.items()}
    model = MiniFASNet(spec['keep'], spec['se'])
    model.load_state_dict(state, strict=True)
    model.eval()
    return model, digest


def normalise_onnx(model_proto, spec, pth_sha256):
    """Make the exported file independent of the run: no doc strings (torch can put source locations
    there), fixed producer fields, and metadata that says where the weights came from."""
    model_proto.producer_name = 'pytorch'
    model_proto.producer_version = torch.__version__
    model_proto.doc_string = ''
    model_proto.graph.doc_string = ''
    for node in model_proto.graph.node:
        node.doc_string = ''
    for value in list(model_proto.graph.input) + list(model_proto.graph.output) + list(model_proto.graph.value_info):
        value.doc_string = ''
    for tensor in model_proto.graph.initializer:
        tensor.doc_string = ''
    del model_proto.metadata_props[:]
    meta = {
        'source': f"{SOURCE_REPO}@{SOURCE_COMMIT} resources/anti_spoof_models/{spec['pth']}",
        'source_sha256': pth_sha256,
        'network': spec['network'],
        'license': 'Apache-2.0',
        'crop_scale': str(spec['scale']),
        'input': 'BGR float 0-255, NCHW [N,3,80,80], no normalisation',
        'output': 'logits [N,3]; softmax; class 1 = live face',
    }
    for key in sorted(meta):
        prop = model_proto.metadata_props.add()
        prop.key = key
        prop.value = meta[key]
    return model_proto


def export_onnx(model, spec, pth_sha256):
    buf = io.BytesIO()
    dummy = torch.zeros(1, 3, INPUT_SIZE, INPUT_SIZE, dtype=torch.float32)
    with torch.no_grad():
        torch.onnx.export(
            model,
            dummy,
            buf,
            export_params=True,
            opset_version=OPSET,
            do_constant_folding=True,
            input_names=['input'],
            output_names=['logits'],
            dynamic_axes={'input': {0: 'N'}, 'logits': {0: 'N'}},
        )
    proto = onnx.load_from_string(buf.getvalue())
    proto = normalise_onnx(proto, spec, pth_sha256)
    return proto.SerializeToString(deterministic=True)


# ---------------------------------------------------------------------------------------------
# Reference inputs. Each value is computed in float64 and then rounded to float32 (JS: Math.fround
# or a Float32Array store). For the patterns below the two pattern values are exact or differ from
# JavaScript's Math.sin by far less than a float32 ulp.
# ---------------------------------------------------------------------------------------------

PATTERNS = [
    {
        'name': 'mod',
        'batch': 2,
        'formula': 'input[n][c][y][x] = (n*7 + c*31 + y*80 + x*13) % 256',
        'fn': lambda n, c, y, x: float((n * 7 + c * 31 + y * 80 + x * 13) % 256),
    },
    {
        'name': 'sin',
        'batch': 2,
        'formula': 'input[n][c][y][x] = float32(127.5 + 100*sin(0.1*x + 0.2*y + c + 0.5*n))  (sin in float64)',
        'fn': lambda n, c, y, x: 127.5 + 100.0 * math.sin(0.1 * x + 0.2 * y + c + 0.5 * n),
    },
    {
        'name': 'gray',
        'batch': 1,
        'formula': 'input[n][c][y][x] = 128',
        'fn': lambda n, c, y, x: 128.0,
    },
]


def make_input(pattern):
    n_, c_, h_, w_ = pattern['batch'], 3, INPUT_SIZE, INPUT_SIZE
    arr = np.empty((n_, c_, h_, w_), dtype=np.float64)
    fn = pattern['fn']
    for n in range(n_):
        for c in range(c_):
            for y in range(h_):
                for x in range(w_):
                    arr[n, c, y, x] = fn(n, c, y, x)
    return arr.astype(np.float32)


def onnx_weights_check(onnx_bytes, model):
    """Cheap structural check without a runtime: the classifier's weight (not folded into anything)
    is in the graph bit-exactly, and the graph has the expected inputs and outputs."""
    proto = onnx.load_from_string(onnx_bytes)
    onnx.checker.check_model(proto, full_check=True)
    inputs = [(i.name, [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim], i.type.tensor_type.elem_type) for i in proto.graph.input]
    outputs = [(o.name, [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim], o.type.tensor_type.elem_type) for o in proto.graph.output]
    assert inputs == [('input', ['N', 3, INPUT_SIZE, INPUT_SIZE], onnx.TensorProto.FLOAT)], inputs
    assert outputs == [('logits', ['N', NUM_CLASSES], onnx.TensorProto.FLOAT)], outputs
    prob = model.prob.weight.detach().numpy()
    found = False
    for tensor in proto.graph.initializer:
        arr = onnx.numpy_helper.to_array(tensor)
        if arr.shape == prob.shape and np.array_equal(arr, prob):
            found = True
        elif arr.shape == prob.T.shape and np.array_equal(arr, prob.T):
            found = True
    assert found, 'classifier weight not found in the ONNX initializers'
    ops = {}
    for node in proto.graph.node:
        ops[node.op_type] = ops.get(node.op_type, 0) + 1
    return ops


def onnxruntime_check(onnx_bytes, inputs, expected):
    try:
        import onnxruntime as ort  # noqa: F401
    except ImportError:
        return None
    sess = ort.InferenceSession(onnx_bytes, providers=['CPUExecutionProvider'])
    worst = 0.0
    for x, want in zip(inputs, expected):
        got = sess.run(['logits'], {'input': x})[0]
        worst = max(worst, float(np.max(np.abs(got - want))))
    return worst


def json_dump(obj, indent=0, lead=0):
    """JSON laid out as prettier lays it out (printWidth 160), so that `prettier --check` passes on the
    generated file: objects one key a line; an array on one line if it fits, unless it holds two or more
    arrays or objects, which go one a line. `lead` is the width already used on the current line."""
    pad = '  ' * indent
    inner = '  ' * (indent + 1)
    if isinstance(obj, dict):
        if not obj:
            return '{}'
        items = []
        for k, v in obj.items():
            head = f'{inner}{json.dumps(k)}: '
            items.append(head + json_dump(v, indent + 1, len(head)))
        return '{\n' + ',\n'.join(items) + '\n' + pad + '}'
    if isinstance(obj, list):
        nested = len(obj) > 1 and all(isinstance(v, (dict, list)) and v for v in obj)
        flat = json.dumps(obj, separators=(', ', ': '))
        if not nested and lead + len(flat) + 1 <= 160:
            return flat
        items = [f'{inner}{json_dump(v, indent + 1, len(inner))}' for v in obj]
        return '[\n' + ',\n'.join(items) + '\n' + pad + ']'
    if isinstance(obj, float):
        return repr(obj)
    return json.dumps(obj)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--weights', default=DEFAULT_WEIGHTS, help='folder with the two .pth files (default: %(default)s)')
    parser.add_argument('--out', default=HERE, help='folder for the .onnx files and reference.json (default: this script\'s folder)')
    args = parser.parse_args()

    torch.manual_seed(0)
    torch.set_num_threads(1)  # same summation order on every run
    os.makedirs(args.out, exist_ok=True)

    reference = {
        'description': 'PyTorch logits of the MiniFASNet models for deterministic inputs; packages/face/src/pad.test.ts compares onnxruntime-web with them.',
        'generator': 'models/minifasnet/convert.py',
        'torch': torch.__version__,
        'layout': 'input float32 NCHW [N,3,80,80], values as given by the formula (computed in float64, stored as float32); logits float32 [N,3]',
        'inputs': [{'name': p['name'], 'batch': p['batch'], 'formula': p['formula']} for p in PATTERNS],
        'models': {},
    }
    inputs = [make_input(p) for p in PATTERNS]
    for p, x in zip(reference['inputs'], inputs):
        p['sum'] = float(np.sum(x, dtype=np.float64))

    for spec in MODELS:
        model, digest = load_model(spec, args.weights)
        onnx_bytes = export_onnx(model, spec, digest)
        again = export_onnx(model, spec, digest)
        if onnx_bytes != again:
            sys.exit(f"{spec['onnx']}: two exports in one run differ; the export is not deterministic")
        out_path = os.path.join(args.out, spec['onnx'])
        with open(out_path, 'wb') as f:
            f.write(onnx_bytes)
        ops = onnx_weights_check(onnx_bytes, model)

        outputs = []
        with torch.no_grad():
            for x in inputs:
                outputs.append(model(torch.from_numpy(x)).numpy())
            # Batch independence: each row equals the single-image result.
            for x, y in zip(inputs, outputs):
                for n in range(x.shape[0]):
                    single = model(torch.from_numpy(x[n:n + 1])).numpy()
                    assert np.max(np.abs(single - y[n:n + 1])) < 1e-4, 'batched and single results differ'

        ort_diff = onnxruntime_check(onnx_bytes, inputs, outputs)
        onnx_sha = hashlib.sha256(onnx_bytes).hexdigest()
        reference['models'][spec['onnx']] = {
            'source': spec['pth'],
            'source_sha256': digest,
            'network': spec['network'],
            'crop_scale': spec['scale'],
            'sha256': onnx_sha,
            'bytes': len(onnx_bytes),
            'logits': {p['name']: [[float(v) for v in row] for row in y] for p, y in zip(PATTERNS, outputs)},
        }
        print(f"{spec['onnx']}: {len(onnx_bytes)} bytes, sha256 {onnx_sha}")
        print(f"  from {spec['pth']} (sha256 ok), {spec['network']}, strict load ok, onnx.checker ok")
        print(f"  ops: {', '.join(f'{k} {v}' for k, v in sorted(ops.items()))}")
        for p, y in zip(PATTERNS, outputs):
            print(f"  {p['name']}: logits {np.array2string(y, precision=4)}")
        if ort_diff is None:
            print('  onnxruntime (Python) not installed: pnpm vitest run packages/face/src/pad.test.ts compares ONNX with PyTorch')
        else:
            print(f'  onnxruntime (Python) max abs diff vs PyTorch: {ort_diff:.3g}')
            if ort_diff > 1e-3:
                sys.exit('onnxruntime and PyTorch disagree')

    ref_path = os.path.join(args.out, 'reference.json')
    with open(ref_path, 'w', encoding='utf-8') as f:
        f.write(json_dump(reference) + '\n')
    print(f'wrote {ref_path}')


if __name__ == '__main__':
    main()
