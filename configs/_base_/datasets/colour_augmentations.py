# The colour half of the SimCLR / MoCo v2 / BYOL family of views, at MoCo
# v2's strengths: jitter (p 0.8), grayscale (p 0.2), Gaussian blur (p 0.5).
# A method's dataset base splices it after its crop and edits the strengths
# in place (colour_augmentations[0].transforms[0].saturation = 0.2).
colour_augmentations = [
    dict(type='RandomApply',
         transforms=[dict(type='ColorJitter', brightness=0.4, contrast=0.4,
                          saturation=0.4, hue=0.1)],
         prob=0.8),
    dict(type='RandomGrayscale', prob=0.2, keep_channels=True,
         channel_weights=(0.114, 0.587, 0.2989)),
    dict(type='GaussianBlur', magnitude_range=(0.1, 2.0), magnitude_std='inf',
         prob=0.5),
]
