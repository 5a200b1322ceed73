from mmengine.logging import print_log
from mmengine.optim import DefaultOptimWrapperConstructor

from mmssl.registry import OPTIM_WRAPPER_CONSTRUCTORS


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class TrainableOptimWrapperConstructor(DefaultOptimWrapperConstructor):
    """mmengine's default constructor (same ``paramwise_cfg`` rules, same
    parameter groups) that leaves out whole sub-modules without a trainable
    parameter, such as the EMA target network of BYOL / DetCon-B, with one
    log line, instead of visiting each of their tensors and warning about
    every one (65 warnings per ResNet-18 target)."""

    def __call__(self, model):
        self.frozen_modules = []
        optim_wrapper = super().__call__(model)
        if self.frozen_modules:
            print_log('optimizer: frozen sub-modules left out (no parameter '
                      f'requires grad): {self.frozen_modules}',
                      logger='current')
        return optim_wrapper

    def add_params(self, params, module, prefix='', is_dcn_module=None):
        tensors = list(module.parameters())
        if tensors and not any(p.requires_grad for p in tensors):
            self.frozen_modules.append(prefix or '<model>')
            return
        super().add_params(params, module, prefix, is_dcn_module)
