"""Generate mmssl's embedded demo dataset (deterministic, no download).

    python tools/misc/make_demo_data.py data/demo [--num-train 160] [--cls 40]
"""
import argparse
import json

from mmssl.datasets.demo import make_demo_dataset


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('out_dir', nargs='?', default='data/demo')
    parser.add_argument('--num-train', type=int, default=160)
    parser.add_argument('--num-val', type=int, default=40)
    parser.add_argument('--size', type=int, default=128)
    parser.add_argument('--cls', type=int, default=40,
                        help='images per class of the ImageNet-style '
                        'classification folder (0: none)')
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    paths = make_demo_dataset(args.out_dir, args.num_train, args.num_val,
                              args.size, args.cls, args.seed)
    print(json.dumps(paths, indent=2))


if __name__ == '__main__':
    main()
