import torch

from mmssl.evaluation import bag_of_patches, random_patch_boxes


def test_patch_boxes_cover_a_quarter_and_stay_inside():
    boxes = random_patch_boxes(3, 10, 32, 48, scale=0.25)
    area = (boxes[:, 3] - boxes[:, 1]) * (boxes[:, 4] - boxes[:, 2])
    torch.testing.assert_close(area, torch.full((30, ), 0.25 * 32 * 48))
    assert (boxes[:, 1] >= 0).all() and (boxes[:, 3] <= 48 + 1e-4).all()
    assert (boxes[:, 2] >= 0).all() and (boxes[:, 4] <= 32 + 1e-4).all()
    assert boxes[:, 0].tolist() == [i for i in range(3) for _ in range(10)]


def test_bag_of_patches_averages_each_images_own_patches():
    # image i is constant i: every patch of it has mean i, in any position
    images = torch.arange(4.).view(4, 1, 1, 1).expand(4, 3, 20, 20)
    calls = []

    def encode(p):
        calls.append(p.shape)
        return p.mean(dim=(1, 2, 3))[:, None]

    feats = bag_of_patches(encode, images.contiguous(), num_patches=6,
                           patch_size=8, chunk=10)
    torch.testing.assert_close(feats, torch.arange(4.)[:, None])
    assert [c[0] for c in calls] == [10, 10, 4]
    assert all(c[1:] == (3, 8, 8) for c in calls)
