from django.conf import settings


def site(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "team_email": settings.TEAM_EMAIL,
        "data_controller": settings.DATA_CONTROLLER,
        "log_retention": settings.LOG_RETENTION,
        "current_position_url": settings.CURRENT_POSITION_URL,
    }
