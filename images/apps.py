from django.apps import AppConfig
from django.db.models.signals import pre_delete


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "Image library"

    def ready(self):
        from . import services
        from .models import Image

        pre_delete.connect(services.forget_files, sender=Image)
