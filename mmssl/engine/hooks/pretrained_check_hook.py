import torch
from mmengine.hooks import Hook

from mmssl.registry import HOOKS
from .utils import unwrap_model


@HOOKS.register_module()
class PretrainedBackboneCheckHook(Hook):
    """Before fine-tuning starts, check that the backbone holds every weight
    of the pretraining checkpoint its ``init_cfg`` names; stop, listing
    them, on missing, unexpected, wrong-shape or unloaded tensors.

    mmengine's ``Pretrained`` init loads non-strictly and only warns, so a
    transfer run whose checkpoint does not match would train to the end
    from a mostly random backbone. With no checkpoint (``init_cfg=None``,
    the random-init baseline) it only logs that.
    """
    priority = 'VERY_HIGH'

    def before_train(self, runner) -> None:
        from mmssl.utils import load_prefixed_state_dict
        init_cfg = runner.cfg.model.backbone.get('init_cfg') or {}
        if not init_cfg.get('checkpoint'):
            runner.logger.info('PretrainedBackboneCheckHook: no pretraining '
                               'checkpoint, the backbone starts at random')
            return
        path, prefix = init_cfg['checkpoint'], init_cfg.get('prefix', '')
        got = load_prefixed_state_dict(path, prefix)
        backbone = unwrap_model(runner.model).backbone
        have = backbone.state_dict()
        missing = sorted(set(have) - set(got))
        unexpected = sorted(set(got) - set(have))
        shape = sorted(k for k in set(have) & set(got)
                       if have[k].shape != got[k].shape)
        unloaded = sorted(
            k for k in set(have) & set(got) if k not in shape and
            not torch.equal(have[k].cpu(), got[k].to(have[k].dtype)))
        if missing or unexpected or shape or unloaded:
            raise KeyError(
                f'{path} (prefix {prefix!r}) does not match the backbone: '
                f'{len(missing)} missing {missing[:6]}, {len(unexpected)} '
                f'unexpected {unexpected[:6]}, {len(shape)} of the wrong '
                f'shape {shape[:6]}, {len(unloaded)} not loaded '
                f'{unloaded[:6]}')
        runner.logger.info(f'PretrainedBackboneCheckHook: all {len(got)} '
                           f'backbone tensors come from {path}')
