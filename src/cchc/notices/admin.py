from django.contrib import admin

from cchc.notices.models import EmailDelivery, JobRun, Notice, Undelivered

for model in (Notice, EmailDelivery, Undelivered, JobRun):
    admin.site.register(model)
