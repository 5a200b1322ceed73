"""Image loading that names the file and what is wrong with it."""
from typing import Optional

import mmcv
from mmcv.transforms import LoadImageFromFile as _MMCVLoadImageFromFile
from mmengine import fileio
from mmengine.logging import print_log

from mmssl.registry import TRANSFORMS


def check_image_bytes(data: bytes, path: str) -> None:
    """Raise ``ValueError`` naming ``path`` when the bytes are empty or a
    JPEG / PNG stops before its end marker (a truncated JPEG decodes without
    error, its missing part flat gray)."""
    if not data:
        raise ValueError(f'{path}: empty file (0 bytes)')
    if data[:2] == b'\xff\xd8' and b'\xff\xd9' not in data[-64:]:
        raise ValueError(f'{path}: truncated JPEG (no end-of-image marker)')
    if data[:8] == b'\x89PNG\r\n\x1a\n' and b'IEND' not in data[-64:]:
        raise ValueError(f'{path}: truncated PNG (no IEND chunk)')


def read_image(path: str, flag: str = 'color', backend: str = 'cv2',
               backend_args: Optional[dict] = None):
    """Decode an image file; ``ValueError`` naming it when that fails."""
    try:
        data = fileio.get(path, backend_args=backend_args)
    except Exception as e:  # noqa: BLE001 (missing, permission ...)
        raise ValueError(f'{path}: cannot read ({type(e).__name__}: {e})'
                         ) from e
    check_image_bytes(data, path)
    try:
        img = mmcv.imfrombytes(data, flag=flag, backend=backend)
    except Exception as e:  # noqa: BLE001
        raise ValueError(f'{path}: cannot be decoded as an image '
                         f'({type(e).__name__}: {e})') from e
    if img is None:
        raise ValueError(f'{path}: cannot be decoded as an image')
    return img


@TRANSFORMS.register_module()
class LoadImageFromFile(_MMCVLoadImageFromFile):
    """mmcv's ``LoadImageFromFile`` (same arguments) whose errors name the
    file and what is wrong: missing, empty, truncated JPEG / PNG, not an
    image.

    Args:
        skip_unreadable (bool): instead of failing, log a warning naming the
            file and the running count of skipped files and return ``None``,
            so that the dataset draws another sample (MMEngine's
            ``BaseDataset`` refetch). Defaults to False: fail.
    """
    skipped = 0  # per process

    def __init__(self, *args, skip_unreadable: bool = False,
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.skip_unreadable = skip_unreadable

    def transform(self, results: dict) -> Optional[dict]:
        try:
            img = read_image(results['img_path'], self.color_type,
                             self.imdecode_backend, self.backend_args)
        except ValueError as e:
            if not self.skip_unreadable:
                raise
            LoadImageFromFile.skipped += 1
            count = LoadImageFromFile.skipped
            print_log(f'skipping unreadable sample ({count} so far in this '
                      f'process): {e}', logger='current', level=30)
            return None
        if self.to_float32:
            img = img.astype('float32')
        results['img'] = img
        results['img_shape'] = results['ori_shape'] = img.shape[:2]
        return results
