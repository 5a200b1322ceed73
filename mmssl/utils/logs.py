"""Reading MMEngine's json scalar logs."""
import json


def read_scalars(path):
    """``{key: ([steps], [values])}`` of one ``scalars.json`` file."""
    series = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f'{path}:{n} is not json: {e}') from None
            step = record.get('step', record.get('iter'))
            for key, value in record.items():
                if isinstance(value, (int, float)) and key not in (
                        'step', 'iter', 'epoch'):
                    xs, ys = series.setdefault(key, ([], []))
                    xs.append(step)
                    ys.append(value)
    return series
