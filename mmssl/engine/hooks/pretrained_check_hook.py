import torch
from mmengine.hooks import Hook

from mmssl.registry import HOOKS
from .utils import unwrap_model


@HOOKS.register_module()
class PretrainedBackboneCheckHook(Hook):
    """Before fine-tuning starts, check that the pretrained parts (the
    backbone, and the res5 RoI head of C4 detectors: every sub-module with a
    ``Pretrained`` ``init_cfg``) hold every weight of the pretraining
    checkpoint they name; stop, listing them, on missing, unexpected,
    wrong-shape or unloaded tensors.

    mmengine's ``Pretrained`` init loads non-strictly and only warns, so a
    transfer run whose checkpoint does not match would train to the end
    from a mostly random backbone. With no checkpoint (``init_cfg=None``,
    the random-init baseline) it only logs that.
    """
    priority = 'VERY_HIGH'

    def before_train(self, runner) -> None:
        from mmssl.utils import (load_prefixed_state_dict, pretrained_mismatch,
                                 pretrained_parts, pretrained_state)
        parts = {path: cfg for path, cfg in
                 pretrained_parts(runner.cfg.model).items()
                 if cfg.init_cfg.get('checkpoint')}
        if not parts:
            runner.logger.info('PretrainedBackboneCheckHook: no pretraining '
                               'checkpoint, the backbone starts at random')
            return
        sources = {(c.init_cfg.checkpoint, c.init_cfg.get('prefix', ''))
                   for c in parts.values()}
        if len(sources) != 1:
            raise KeyError(f'pretrained parts {list(parts)} load from '
                           f'different checkpoints / prefixes {sources}')
        path, prefix = sources.pop()
        got = load_prefixed_state_dict(path, prefix)
        model, have = unwrap_model(runner.model), {}
        for part in parts:
            module = model
            for name in part.split('.'):
                module = getattr(module, name)
            have.update(pretrained_state(module))
        missing, unexpected, shape = pretrained_mismatch(have, got)
        unloaded = sorted(
            k for k in set(have) & set(got) if k not in shape and
            not torch.equal(have[k].cpu(), got[k].to(have[k].dtype)))
        if missing or unexpected or shape or unloaded:
            raise KeyError(
                f'{path} (prefix {prefix!r}) does not match {list(parts)}: '
                f'{len(missing)} missing {missing[:6]}, {len(unexpected)} '
                f'unexpected {unexpected[:6]}, {len(shape)} of the wrong '
                f'shape {shape[:6]}, {len(unloaded)} not loaded '
                f'{unloaded[:6]}')
        runner.logger.info(f'PretrainedBackboneCheckHook: all {len(got)} '
                           f'tensors of {list(parts)} come from {path}')
