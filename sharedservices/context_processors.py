from django.conf import settings


def site(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "team_email": settings.TEAM_EMAIL,
        "current_position_url": settings.CURRENT_POSITION_URL,
    }
