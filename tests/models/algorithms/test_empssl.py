import torch

from mmssl.models import EMPSSL


def _model(micro_batch=None):
    torch.manual_seed(0)
    return EMPSSL(
        backbone=dict(type='mmpretrain.ResNet_CIFAR', depth=18),
        neck=dict(type='EMPSSLNeck', in_channels=512, hid_channels=32,
                  out_channels=16),
        head=dict(type='EMPSSLHead'), micro_batch=micro_batch)


def _grads(model, inputs):
    model.zero_grad()
    losses = model.loss(inputs, None)
    sum(v for k, v in losses.items() if k.startswith('loss')).backward()
    return {n: p.grad.clone() for n, p in model.named_parameters()
            if p.grad is not None}, losses


def test_micro_batched_gradients_equal_one_big_batch():
    torch.manual_seed(1)
    inputs = [torch.randn(3, 3, 16, 16) for _ in range(4)]  # 4 patches
    big, micro = _model(), _model(micro_batch=5)
    # BN in eval mode: normalisation does not depend on the grouping
    big.eval()
    micro.eval()
    g_big, l_big = _grads(big, inputs)
    g_micro, l_micro = _grads(micro, inputs)
    torch.testing.assert_close(l_micro['loss_tcr'], l_big['loss_tcr'])
    assert g_big.keys() == g_micro.keys() and len(g_big) > 10
    for name in g_big:
        torch.testing.assert_close(g_micro[name], g_big[name], atol=1e-5,
                                   rtol=1e-4, msg=name)


def test_training_reduces_the_loss():
    torch.manual_seed(2)
    model = _model()
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    inputs = [torch.randn(8, 3, 16, 16) for _ in range(4)]
    losses = []
    for _ in range(15):
        opt.zero_grad()
        out = model.loss(inputs, None)
        total = out['loss_invariance'] + out['loss_tcr']
        total.backward()
        opt.step()
        losses.append(float(total.detach()))
    assert losses[-1] < losses[0] - 1.0, losses
